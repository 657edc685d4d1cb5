// Runs the extension's integration tests the standard @vscode/test-electron way, with vscode-shim.js as the
// "VS Code executable" so they run inside code-server here (and unchanged against desktop VS Code elsewhere).
// Usage: node test/vscode/run-integration.js [extensionDevelopmentPath=.] [extensionTestsPath=dist/test/integration/index]
//        [--profile demo|micetro]   the built-in simulator's profile the suites connect to (default demo)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Writable } = require('node:stream');
const { runTests } = require('@vscode/test-electron');
const { assertInstalled } = require('./codeServer');
const { takeProfile } = require('./testProfile');

async function main() {
  const args = process.argv.slice(2);
  const profile = takeProfile(args);
  const [devArg = '.', testsArg = 'dist/test/integration/index'] = args;
  const extensionDevelopmentPath = path.resolve(devArg);
  const extensionTestsPath = path.resolve(testsArg);
  assertInstalled();
  if (!fs.existsSync(`${extensionTestsPath}.js`) && !fs.existsSync(extensionTestsPath)) {
    throw new Error(`test entry ${extensionTestsPath} is not built`);
  }

  // A fresh workspace folder, settings, global storage and extensions dir on every run.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'integration-run-'));
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace);
  const shim = path.join(__dirname, 'vscode-shim.js');
  fs.chmodSync(shim, 0o755); // runTests spawns it directly, so it must stay executable wherever the tree was copied
  // runTests ends with its own "Exit code: N" line; remember the test entry's totals to close with them instead.
  let totals;
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      const match = String(chunk).match(/^\d+ passed, \d+ failed.*$/m);
      if (match) totals = match[0];
      process.stdout.write(chunk, done);
    },
  });
  try {
    await runTests({
      vscodeExecutablePath: shim,
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, `--user-data-dir=${path.join(runDir, 'user-data')}`, `--extensions-dir=${path.join(runDir, 'extensions')}`],
      extensionTestsEnv: { DHCP_FAILOVER_TEST_PROFILE: profile },
      stdout,
    });
    return 0;
  } catch (error) {
    console.error(`Integration tests failed: ${error.message}`);
    return 1;
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
    if (totals) console.log(totals);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`run-integration: ${error.message}`);
    process.exit(1);
  },
);
