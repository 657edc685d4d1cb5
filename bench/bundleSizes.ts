// Sizes of the shipped bundles (the build minifies them).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DIST = resolve(__dirname, '..');

export function bundleSizes(): { extensionKb: number; webviews: Array<{ name: string; kb: number }> } {
  const kb = (file: string) => statSync(file).size / 1024;
  const webviewDir = join(DIST, 'webview');
  const webviews = readdirSync(webviewDir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, kb: kb(join(webviewDir, name)) }));
  return { extensionKb: kb(join(DIST, 'extension.js')), webviews };
}
