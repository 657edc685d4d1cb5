// Bundles every entry point: the extension, the webview scripts, the simulator CLI and the tests.
// `node esbuild.mjs` builds everything; `--only=a,b` builds the named targets; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const watch = args.includes('--watch');

/** Files under `dir` whose name ends with `suffix` (recursive). */
function filesUnder(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

const node = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning',
  // Packages the bundles never use, each resolved to a small module that says why (see each file):
  // axios gets Node's own FormData, no redirect follower, and the proxy agents a silent `debug`.
  alias: { 'form-data': './src/api/nativeFormData.ts', 'follow-redirects': './src/api/noRedirects.ts', debug: './src/api/silentDebug.ts' },
};

const targets = {
  extension: { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true },
  webview: {
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: true, minify: true, logLevel: 'warning',
    entryPoints: filesUnder('webview', '.ts').filter((f) => !f.endsWith('.d.ts') && /webview\/[^/]+\.ts$/.test(f)),
    outdir: 'dist/webview',
  },
  simulator: { ...node, entryPoints: ['src/simulator/cli.ts'], outfile: 'dist/simulator/cli.js' },
  // Fixtures are programs the unit tests run as separate processes.
  unit: {
    ...node,
    entryPoints: [...filesUnder('test/unit', '.test.ts'), ...filesUnder('test/unit/fixtures', '.ts')],
    outdir: 'dist/test/unit', outbase: 'test/unit', external: ['mocha', 'eslint'],
  },
  integration: {
    ...node,
    entryPoints: ['test/integration/index.ts', ...filesUnder('test/integration', '.test.ts')],
    outdir: 'dist/test/integration', external: ['vscode', 'mocha'],
  },
  e2e: { ...node, entryPoints: filesUnder('test/e2e', '.ts').filter((f) => !f.endsWith('.d.ts')), outdir: 'dist/test/e2e', external: ['playwright-core'] },
  bench: {
    ...node,
    entryPoints: ['bench/run.ts', 'bench/extension-host/index.ts'].filter((file) => existsSync(file)),
    outdir: 'dist/bench',
    outbase: 'bench',
    external: ['vscode', 'mocha', 'playwright-core'],
  },
};

const selected = Object.entries(targets).filter(
  ([name, options]) => (!only || only.includes(name)) && (options.entryPoints?.length ?? 0) > 0,
);

if (watch) {
  for (const [, options] of selected) await (await esbuild.context(options)).watch();
  console.log(`watching ${selected.map(([name]) => name).join(', ')}`);
} else {
  // A test file that was deleted or renamed must not keep running from an old bundle: test folders start empty.
  for (const [name, options] of selected) if (['unit', 'integration', 'e2e'].includes(name)) rmSync(options.outdir, { recursive: true, force: true });
  await Promise.all(selected.map(([, options]) => esbuild.build(options)));
}
