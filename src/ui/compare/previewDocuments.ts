// Show Changes of a replicate preview: two read-only snapshot documents (`dhcp-failover-preview:`), the destination as
// it is now and as it will be after the replicate, in VS Code's diff editor. A snapshot is what the preview read, not
// read again: the diff shows exactly what the confirmation counted. Closing a document forgets its text.
import * as vscode from 'vscode';
import { plainText } from '../plainText';

export const PREVIEW_DOCUMENT_SCHEME = 'dhcp-failover-preview';

/** A path segment that stays one segment. */
const segment = (text: string): string => text.replace(/[/\\]/g, '_');

export class PreviewDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private next = 0;
  private readonly subscription = vscode.workspace.onDidCloseTextDocument((document) => {
    if (document.uri.scheme === PREVIEW_DOCUMENT_SCHEME) this.texts.delete(document.uri.toString());
  });

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This preview is closed; run the replicate again to see what it changes now.\n';
  }

  /** Opens the diff of `now` (left) and `after` (right), named `title`; `server` names the tabs' documents. */
  async showDiff(title: string, server: string, now: string, after: string): Promise<void> {
    const id = String((this.next += 1));
    const uri = (side: string, text: string): vscode.Uri => {
      const document = vscode.Uri.from({ scheme: PREVIEW_DOCUMENT_SCHEME, path: `/${segment(server)}/${side}`, query: `preview=${id}` });
      this.texts.set(document.toString(), text);
      return document;
    };
    await vscode.commands.executeCommand('vscode.diff', uri('now', now), uri('after replicate', after), plainText(title), { preview: false });
  }

  dispose(): void {
    this.subscription.dispose();
    this.texts.clear();
  }
}
