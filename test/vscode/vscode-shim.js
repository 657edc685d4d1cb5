#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns: it takes the same
// --extensionDevelopmentPath / --extensionTestsPath / --user-data-dir / --extensions-dir / <folder> arguments and
// runs the tests in code-server's extension host instead. The browser workbench only honours the URL `payload`
// (dev extension + test entry) when the smoke-test driver is on; it then reports console output through
// window.codeAutomationLog and the test entry's result through window.codeAutomationExit.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { format } = require('node:util');
const { startCodeServer } = require('./codeServer');
const { launchBrowser } = require('./browser');

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);
const VERBOSE = process.env.VERBOSE === '1';
// The workbench's own chatter arrives through the same log channel as the tests' output; drop the known lines
// (connection setup, the offline gallery at open-vsx.org, GitHub auth, cancellations at shutdown). VERBOSE=1 keeps them.
const NOISE = new RegExp(
  [
    'open-vsx\\.org', 'ENOTFOUND', "authentication provider 'github'", '^Canceled', '^Resolv(ing|ed) connection token',
    '^Creating a socket', '^\\[reconnection-grace-time\\]', '^Updating additional builtin extensions cache',
    '^\\[Service Worker\\]', '^\\[AgentHost', '^\\[AccountPolicyGate\\]', '^\\[DefaultAccount\\]', '^Creation of workbench contribution',
  ].join('|'),
);

function parseArgs(argv) {
  const parsed = { developmentPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined };
  for (const arg of argv) {
    const [key, ...rest] = arg.split('=');
    const value = rest.join('=');
    if (key === '--extensionDevelopmentPath') parsed.developmentPaths.push(path.resolve(value));
    else if (key === '--extensionTestsPath') parsed.testsPath = path.resolve(value);
    else if (key === '--user-data-dir') parsed.userDataDir = path.resolve(value);
    else if (key === '--extensions-dir') parsed.extensionsDir = path.resolve(value);
    else if (!arg.startsWith('-') && parsed.folder === undefined) parsed.folder = path.resolve(arg);
  }
  return parsed;
}

/** Turns the workbench's log call (type, console-style args) into printable text; util.format also drops %c styling. */
function formatLog(args) {
  return format(...(Array.isArray(args) ? args : [args])).trimEnd();
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.testsPath || options.developmentPaths.length === 0) {
    throw new Error('usage: vscode-shim.js --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [--user-data-dir=<dir>] [--extensions-dir=<dir>] [folder]');
  }
  const folder = options.folder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-test-workspace-'));

  const server = await startCodeServer({
    smokeTestDriver: true,
    userDataDir: options.userDataDir,
    extensionsDir: options.extensionsDir,
    onOutput: VERBOSE ? (line) => console.error(`[code-server] ${line}`) : undefined,
  });
  let browser;
  const cleanup = async () => {
    await browser?.close();
    await server.stop();
    if (!options.folder) fs.rmSync(folder, { recursive: true, force: true });
  };
  process.once('SIGINT', () => { cleanup().finally(() => process.exit(130)); });
  process.once('SIGTERM', () => { cleanup().finally(() => process.exit(143)); });

  try {
    browser = await launchBrowser();
    const { page } = browser;
    const exitCode = new Promise((resolve, reject) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))).catch(reject);
      server.exited.then(() => reject(new Error(`code-server exited during the test run; see ${server.logFile}`)));
      setTimeout(() => reject(new Error(`no test result after ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref();
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = formatLog(args);
      if (!line || (!VERBOSE && NOISE.test(line))) return;
      (type === 'error' ? console.error : console.log)(line);
    });
    if (VERBOSE) page.on('console', (m) => console.error(`[browser ${m.type()}] ${m.text()}`));

    const authority = `127.0.0.1:${server.port}`;
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = [
      ...options.developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(options.testsPath)],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    return await exitCode;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`vscode-shim: ${error.message}`);
    process.exit(1);
  },
);
