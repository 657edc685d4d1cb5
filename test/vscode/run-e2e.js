// Runs every browser end-to-end test (dist/test/e2e/**/*.e2e.js, bundled from test/e2e/*.e2e.ts) with mocha against
// the packaged extension, ending with a plain "N passed, N failed" line. Screenshots go to test-output/e2e/.
// Usage: node test/vscode/run-e2e.js <extension.vsix> [--grep <pattern>] [--profile demo|micetro]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');
const { ROOT, assertInstalled } = require('./codeServer');
const { CHROMIUM } = require('./browser');
const TotalsReporter = require('../unit/totals-reporter');
const { takeProfile } = require('./testProfile');

function specFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(file);
    return entry.name.endsWith('.e2e.js') ? [file] : [];
  });
}

function main() {
  const args = process.argv.slice(2);
  const grepAt = args.indexOf('--grep');
  const grep = grepAt >= 0 ? args.splice(grepAt, 2)[1] : undefined;
  // The workbenches' built-in simulator answers in this profile (see useWorkbench).
  process.env.E2E_PROFILE = takeProfile(args);
  const [vsixArg] = args;
  if (!vsixArg || !fs.existsSync(vsixArg)) throw new Error(`usage: run-e2e.js <extension.vsix>; "${vsixArg ?? ''}" not found`);
  assertInstalled();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (npm run vscode:setup does it as root)`);
  const files = specFiles(path.join(ROOT, 'dist', 'test', 'e2e'));
  if (files.length === 0) throw new Error('no e2e tests built in dist/test/e2e (node esbuild.mjs --only=e2e)');

  process.env.E2E_VSIX = path.resolve(vsixArg);
  fs.rmSync(path.join(ROOT, 'test-output', 'e2e'), { recursive: true, force: true });
  const mocha = new Mocha({ timeout: 180_000, reporter: TotalsReporter, grep });
  for (const file of files.sort()) mocha.addFile(file);
  // Ctrl+C: exit through process 'exit' so the launcher kills the code-servers it started.
  process.once('SIGINT', () => process.exit(130));
  mocha.run((failures) => process.exit(failures > 0 ? 1 : 0));
}

try {
  main();
} catch (error) {
  console.error(`run-e2e: ${error.message}`);
  process.exit(1);
}
