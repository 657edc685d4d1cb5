// The @vscode/test-electron entry: runs every *.test.js beside this file with mocha inside the extension host
// and ends with one plain `N passed, N failed` line. Scripted prompt answers a test left unused fail that test,
// whether or not it checks them itself.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { takeUnusedAnswers } from './scriptedPrompts';

/**
 * Makes every test under `suite` fail when its body leaves scripted answers unused. The check is part of the test,
 * not a root afterEach: a failing root hook would end the run there, skipping every remaining test uncounted.
 */
function failOnUnusedAnswers(suite: Mocha.Suite): void {
  for (const test of suite.tests) {
    const body = test.fn;
    if (!body) continue; // a pending test
    // Mocha chose how to call the test from the original body: one taking `done` would be handed it and never end.
    if (body.length > 0) throw new Error(`${test.fullTitle()}: an integration test returns a promise instead of taking done`);
    test.fn = async function (this: Mocha.Context) {
      await (body as Mocha.AsyncFunc).call(this);
      // A test that timed out has failed already, and what is scripted now may be the next test's.
      if (test.timedOut) return;
      const unused = takeUnusedAnswers();
      if (unused.length > 0) throw new Error(unused.join('; '));
    };
  }
  suite.suites.forEach(failOnUnusedAnswers);
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  // Loads the files once, here, so their tests can be wrapped; run() then uses them as loaded.
  await mocha.loadFilesAsync();
  failOnUnusedAnswers(mocha.suite);
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      console.log(`${passed} passed, ${failed} failed`);
      if (failed > 0) reject(new Error(`${failed} integration test${failed === 1 ? '' : 's'} failed`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => {
      failed++;
      // A test that failed already says why; what it left unused is only a consequence, dropped for the next test.
      takeUnusedAnswers();
    });
  });
}
