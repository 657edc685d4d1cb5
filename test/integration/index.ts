// The @vscode/test-electron entry: runs every *.test.js beside this file with mocha inside the extension host
// and ends with one plain `N passed, N failed` line. After every test, scripted prompt answers it left unused fail
// it, whether or not the test checks them itself.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { takeUnusedAnswers } from './scriptedPrompts';

function failOnUnusedAnswers(this: Mocha.Context): void {
  const unused = takeUnusedAnswers();
  // A test that failed already says why; its unused answers are only a consequence.
  if (unused.length > 0 && this.currentTest?.state !== 'failed') throw new Error(`${this.currentTest?.fullTitle()}: ${unused.join('; ')}`);
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', rootHooks: { afterEach: failOnUnusedAnswers } });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      console.log(`${passed} passed, ${failed} failed`);
      if (failed > 0) reject(new Error(`${failed} integration test${failed === 1 ? '' : 's'} failed`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}
