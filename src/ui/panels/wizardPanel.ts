// A wizard's webview panel: opens the page in an editor tab and wires it to the wizard's vscode-free host
// (src/wizards), which does the work. The panel only carries messages both ways and knows whether it is open.
import * as vscode from 'vscode';
import { plainText } from '../plainText';
import type { MicetroApi } from '../../api/micetroApi';
import type { WizardHostDeps } from '../../wizards/wizardHost';
import { describeError, logError } from '../log';
import { wizardHtml, wizardResourceRoots } from './wizardHtml';

export interface WizardPanelOptions {
  extensionUri: vscode.Uri;
  client: MicetroApi;
  log: vscode.LogOutputChannel;
}

/** What the panel needs from a wizard host. */
export interface WizardPageHost {
  /** Checks whatever the page posted, refuses what does not fit, and reports its own failures (never rejects). */
  receive(message: unknown): Promise<void>;
  /** Told once the panel has closed. */
  disposed?(): Promise<void>;
}

/** The page's tab: `script` names the `webview/<script>.ts` entry. */
export interface WizardPage {
  viewType: string;
  script: string;
  title: string;
}

/** How many of the latest messages to the page `posted` keeps. */
const POSTED_KEPT = 20;

export class WizardPanel<ToWebview, FromWebview> {
  /** The latest messages sent to the page, oldest first, at most POSTED_KEPT (what integration tests read). */
  readonly posted: ToWebview[] = [];
  private readonly host: WizardPageHost;
  private readonly log: vscode.LogOutputChannel;
  private closed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    { client, log }: WizardPanelOptions,
    createHost: (deps: WizardHostDeps<ToWebview>) => WizardPageHost,
  ) {
    this.log = log;
    this.host = createHost({
      client,
      log,
      logFailure: (doing, error) => logError(log, doing, error),
      describe: describeError,
      post: (message) => this.post(message),
      close: () => {
        panel.dispose();
      },
    });
    panel.onDidDispose(() => {
      this.closed = true;
      void this.host.disposed?.();
    });
    // The host checks the message and reports its own failures; this catches only a failure to report one.
    panel.webview.onDidReceiveMessage((message: unknown) =>
      this.host.receive(message).catch((error: unknown) => logError(log, 'Handling a message from the wizard page', error)),
    );
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Handles one message as if the page sent it; integration tests call it exactly as the page would. */
  receive(message: FromWebview): Promise<void> {
    return this.host.receive(message);
  }

  private post(message: ToWebview): void {
    if (this.closed) return;
    this.posted.push(message);
    if (this.posted.length > POSTED_KEPT) this.posted.shift();
    this.panel.webview.postMessage(message).then(undefined, (error: unknown) => logError(this.log, 'Sending a message to the wizard page', error));
  }
}

/** Opens the page in a new editor tab; returns the panel (tests drive it through `receive`). */
export function openWizardPanel<ToWebview, FromWebview>(
  page: WizardPage,
  options: WizardPanelOptions,
  createHost: (deps: WizardHostDeps<ToWebview>) => WizardPageHost,
): WizardPanel<ToWebview, FromWebview> {
  // The title can quote a relationship's name from Micetro: the tab shows it as text (see plainText).
  const panel = vscode.window.createWebviewPanel(page.viewType, plainText(page.title), vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: wizardResourceRoots(options.extensionUri),
    // Kept alive while hidden: a result that arrives then reaches the live page, and a typed shared secret, which
    // lives only in the page's memory, is not lost.
    retainContextWhenHidden: true,
  });
  panel.webview.html = wizardHtml(panel.webview, options.extensionUri, page.script, page.title);
  return new WizardPanel(panel, options, createHost);
}
