// The manifest as the Marketplace and Open VSX expect it: a PNG icon, a changelog with this version, keywords, a
// category from the Marketplace's list, and a real repository or none (with vsce told so, so it does not warn).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  icon?: string;
  keywords?: string[];
  categories?: string[];
  repository?: { url?: string } | string;
  vsce?: { allowMissingRepository?: boolean };
};
const packaged = readFileSync(resolve(ROOT, '.vscodeignore'), 'utf8').split('\n');

/** The Marketplace's categories (code.visualstudio.com/api/references/extension-manifest). */
const MARKETPLACE_CATEGORIES = [
  'Programming Languages', 'Snippets', 'Linters', 'Themes', 'Debuggers', 'Formatters', 'Keymaps', 'SCM Providers', 'Other',
  'Extension Packs', 'Language Packs', 'Data Science', 'Machine Learning', 'Visualization', 'Notebooks', 'Education', 'Testing', 'AI', 'Chat',
];

/** Width and height from a PNG's signature and IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.ok(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is a PNG`);
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('packaging', () => {
  it('has a square PNG icon of at least 128×128 px that goes into the package', () => {
    assert.ok(manifest.icon, 'package.json names an icon');
    assert.match(manifest.icon, /^media\/[^/]+\.png$/, 'a PNG under media/ (the Marketplace takes no SVG icon)');
    const { width, height } = pngSize(resolve(ROOT, manifest.icon));
    assert.equal(width, height);
    assert.ok(width >= 128, `${width} px`);
    assert.ok(packaged.includes('!media/**'), '.vscodeignore keeps media/');
  });

  it('has a CHANGELOG.md with an Unreleased section and one for this version, and packages it', () => {
    const changelog = readFileSync(resolve(ROOT, 'CHANGELOG.md'), 'utf8');
    assert.match(changelog, /^## \[Unreleased\]$/m);
    assert.match(changelog, new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
    assert.ok(packaged.includes('!CHANGELOG.md'), '.vscodeignore keeps CHANGELOG.md');
  });

  it('has keywords and only Marketplace categories', () => {
    const keywords = manifest.keywords ?? [];
    assert.ok(keywords.length > 0 && keywords.length <= 30, `${keywords.length} keywords (the Marketplace takes up to 30)`);
    assert.equal(new Set(keywords.map((k) => k.toLowerCase())).size, keywords.length, 'no keyword twice');
    assert.ok((manifest.categories ?? []).length > 0);
    for (const category of manifest.categories ?? []) assert.ok(MARKETPLACE_CATEGORIES.includes(category), `"${category}" is a Marketplace category`);
  });

  it('names a real repository, or none and tells vsce so', () => {
    const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    if (url === undefined) {
      assert.equal(manifest.vsce?.allowMissingRepository, true, 'without a repository vsce warns and asks, unless allowMissingRepository is set');
    } else {
      assert.match(url, /^https:\/\//);
      assert.doesNotMatch(url, /\.(invalid|example|test|localhost)(\/|$)|example\.(com|org|net)/, 'not a placeholder');
    }
  });
});
