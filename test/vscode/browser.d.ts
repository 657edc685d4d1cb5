// Types for browser.js.
import type { BrowserContext, Page } from 'playwright-core';

export interface LaunchedBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
export function launchBrowser(options?: { viewport?: { width: number; height: number } }): Promise<LaunchedBrowser>;
