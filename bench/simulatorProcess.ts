// The simulator as its own process (so load generators do not share its event loop), with the figures the
// benchmark needs: how long it took to become ready and how much memory it holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface SimulatorProcess {
  url: string;
  user: string;
  password: string;
  /** What the CLI reported: from start of model creation or load until listening. */
  readyMs: number;
  /** Resident memory of the process right after it became ready, MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

const CLI = resolve(__dirname, '../simulator/cli.js');

export async function startSimulatorProcess(args: string[]): Promise<SimulatorProcess> {
  const password = 'bench-password';
  const child: ChildProcess = spawn(process.execPath, [CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MICETRO_SIMULATOR_PASSWORD: password } });
  const { url, readyMs } = await new Promise<{ url: string; readyMs: number }>((ready, fail) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+) \(ready in (\d+) ms\)/.exec(output);
      if (match) ready({ url: match[1], readyMs: Number(match[2]) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the simulator exited (${code}) before it was ready:\n${output}`)));
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url,
    user: 'admin',
    password,
    readyMs,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      return kb / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
