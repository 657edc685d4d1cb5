// Launches Debian's chromium headless through playwright-core (no browser download) for the workbench in code-server.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';

// Root needs --no-sandbox; the rest keep chromium from reaching for hosts this offline machine cannot reach.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * A fresh headless chromium profile with one page.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close: () => Promise<void> }>}
 */
async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install it: apt-get install -y chromium (or run npm run vscode:setup as root)`);
  }
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  async function close() {
    if (closed) return;
    closed = true;
    await context.close().catch(() => undefined);
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
  return { context, page, close };
}

module.exports = { CHROMIUM, CHROMIUM_ARGS, launchBrowser };
