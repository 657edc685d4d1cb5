// ESLint reads every script of the repository, the JavaScript ones too (the build, the test runners, the mocha
// reporter, this lint configuration), not only the TypeScript: an ignored file is a file nobody checks.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../..');
/** Asks ESLint in a process of its own (fixtures/eslintIgnored.ts). */
const ESLINT_IGNORED = resolve(__dirname, 'fixtures/eslintIgnored.js');
/** Built, installed or written by the tests: not the repository's own scripts. */
const NOT_SOURCES = new Set(['node_modules', 'dist', '.vscode-test', 'test-output']);

function scripts(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return NOT_SOURCES.has(entry.name) || entry.name.startsWith('.') ? [] : scripts(path);
    return /\.m?js$/.test(entry.name) ? [relative(ROOT, path)] : [];
  });
}

describe('lint coverage', () => {
  it('lints every JavaScript file of the repository', async () => {
    const files = scripts(ROOT);
    assert.ok(files.includes('esbuild.mjs') && files.includes('test/run-all.js'), `found ${files.join(', ')}`);
    const { stdout } = await promisify(execFile)(process.execPath, [ESLINT_IGNORED, ROOT, ...files]);
    assert.deepEqual(JSON.parse(stdout), []);
  });
});
