// Types for codeServer.js, so the TypeScript e2e tests can use the launcher.
import type { ChildProcess } from 'node:child_process';

export interface StartOptions {
  port?: number;
  userDataDir?: string;
  extensionsDir?: string;
  smokeTestDriver?: boolean;
  settings?: Record<string, unknown>;
  onOutput?: (line: string) => void;
  keepTemp?: boolean;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  baseDir: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  exited: Promise<ChildProcess['exitCode']>;
  stop(): Promise<void>;
}

export const ROOT: string;
export const NODE24: string;
export const ENTRY: string;
export const WORKBENCH_SETTINGS: Record<string, unknown>;
export function assertInstalled(): void;
export function freePort(): Promise<number>;
export function portInUse(port: number): Promise<boolean>;
export function startCodeServer(options?: StartOptions): Promise<RunningCodeServer>;
export function installVsix(vsixPath: string, extensionsDir: string): void;
export function linkExtension(extensionPath: string, extensionsDir: string): string;
