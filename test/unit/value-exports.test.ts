// Every value src/ and webview/ export is used by another file (source, test, benchmark or build script): a
// constant or function only its own file uses stays private to it, so the exports are a module's real surface.
// A name counts as used when another file mentions it as a word, so a clash can only let an export pass.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
/** VS Code calls these through package.json's `main`; nothing in the repository has to. */
const ENTRY_POINTS = new Map([['src/extension.ts', ['activate', 'deactivate']]]);

function scripts(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return scripts(path);
    return /\.(ts|m?js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('value exports', () => {
  it('of src/ and webview/ are each used by another file', () => {
    const files = [...['src', 'webview', 'test', 'bench'].flatMap((folder) => scripts(join(ROOT, folder))), 'esbuild.mjs'];
    const texts = new Map(files.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]));
    const unused = [...texts]
      .filter(([file]) => /^(src|webview)\//.test(file))
      .flatMap(([file, text]) =>
        [...text.matchAll(/^export (?:async )?(?:const|let|function\*?|class|enum) (\w+)/gm)]
          .map(([, name]) => name)
          .filter((name) => !ENTRY_POINTS.get(file)?.includes(name))
          .filter((name) => ![...texts].some(([other, text]) => other !== file && new RegExp(`\\b${name}\\b`).test(text)))
          .map((name) => `${file}: ${name}`),
      );
    assert.ok(texts.size > 100, `read ${texts.size} files`);
    assert.deepEqual(unused, []);
  });
});
