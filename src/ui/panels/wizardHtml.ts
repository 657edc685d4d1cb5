// The HTML shell of a wizard webview: a strict CSP (nothing but our nonce'd script and our stylesheet), the page's
// script and CSS from the extension, and an empty <main> the script fills.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Where the panels may load files from: the bundled scripts and the CSS. */
export function wizardResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/** `script` is the name of a `webview/<name>.ts` entry (bundled to dist/webview/<name>.js). */
export function wizardHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${script}.js`));
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'wizard.css'));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  const escapedTitle = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">
<title>${escapedTitle}</title>
</head>
<body>
<main id="app" class="wizard"><p class="loading" role="status">Loading…</p></main>
<script nonce="${nonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
