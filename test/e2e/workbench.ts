// Page objects for driving the real VS Code workbench (code-server in headless chromium) from e2e tests:
// the activity bar, tree views, context menus, the command palette, quick picks, modal dialogs, notifications,
// webviews and screenshots. `useWorkbench()` gives each mocha suite a fresh code-server, extension install and browser.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { ROOT, installVsix, linkExtension, startCodeServer, type RunningCodeServer } from '../vscode/codeServer';
import { launchBrowser, type LaunchedBrowser } from '../vscode/browser';

export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'e2e');
/** Per-step wait: long enough for a cold extension host and the simulator, short enough to fail fast. */
export const STEP_TIMEOUT_MS = 30_000;

export interface LaunchOptions {
  /** The packaged extension to install; default: $E2E_VSIX (set by run-e2e.js). */
  vsix?: string;
  /** An unpacked extension folder to link instead of a vsix. */
  extensionFolder?: string;
  /** User settings on top of the quiet-workbench defaults. */
  settings?: Record<string, unknown>;
  /** A user-data-dir to start from (e.g. with a simulator data file already in global storage); default: a fresh one. */
  userDataDir?: string;
}

/** The simulator profile of this run (`run-e2e.js --profile`): the strict `micetro` one is a setting of the extension. */
export const E2E_PROFILE = process.env.E2E_PROFILE === 'micetro' ? 'micetro' : 'demo';

function profileSettings(): Record<string, unknown> {
  return E2E_PROFILE === 'demo' ? {} : { 'dhcpFailover.simulator.profile': E2E_PROFILE };
}

/** One code-server + browser page showing a workspace folder, with the extension installed. */
export class Workbench {
  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly server: RunningCodeServer,
    private readonly browser: LaunchedBrowser,
  ) {}

  static async launch(options: LaunchOptions = {}): Promise<Workbench> {
    const server = await startCodeServer({ settings: { ...profileSettings(), ...options.settings }, userDataDir: options.userDataDir });
    let browser: LaunchedBrowser | undefined;
    try {
      if (options.extensionFolder) {
        linkExtension(options.extensionFolder, server.extensionsDir);
      } else {
        const vsix = options.vsix ?? process.env.E2E_VSIX;
        if (!vsix || !fs.existsSync(vsix)) throw new Error(`no extension to test: vsix "${vsix ?? ''}" not found (set E2E_VSIX)`);
        installVsix(vsix, server.extensionsDir);
      }
      const workspace = path.join(server.baseDir, 'workspace');
      fs.mkdirSync(workspace, { recursive: true });
      browser = await launchBrowser();
      browser.page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
      await browser.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
      return new Workbench(browser.page, workspace, server, browser);
    } catch (error) {
      await browser?.close();
      await server.stop();
      throw error;
    }
  }

  /** Closes the browser and stops code-server with everything it started. */
  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
  }

  /** Saves a full-page screenshot as test-output/e2e/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  // ---- activity bar and views ----

  /** Shows the view container whose activity-bar entry is labelled `title` (does not toggle it closed when already shown). */
  async openContainer(title: string): Promise<void> {
    const entry = this.page.locator('.part.activitybar .action-item').filter({ has: this.page.locator(`a[aria-label^="${title}"]`) });
    await entry.waitFor();
    if (!((await entry.getAttribute('class')) ?? '').split(/\s+/).includes('checked')) await entry.click();
    await this.page.locator('.part.sidebar .composite.title').filter({ hasText: title }).waitFor();
  }

  /** Drags the sash at the side bar's right edge until the side bar is `width` px wide (room for descriptions). */
  async resizeSideBar(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('the side bar is not visible');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width + 1, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** The pane of the view named `name` in the side bar, expanded. */
  async view(name: string): Promise<Locator> {
    const pane = this.page.locator('.part.sidebar .pane').filter({
      has: this.page.locator('.pane-header .title', { hasText: new RegExp(`^${escapeRegExp(name)}$`, 'i') }),
    });
    await pane.waitFor();
    // A container with a single view hides that view's header; there is nothing to expand then.
    const header = pane.locator('.pane-header');
    if ((await header.isVisible()) && (await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return pane;
  }

  /** A tree item whose accessible name (label, usually followed by its description) matches `name`. */
  treeItem(name: string | RegExp, within: Locator | Page = this.page): Locator {
    return within.getByRole('treeitem', { name }).first();
  }

  /** Expands a collapsible tree item (no-op when expanded) and waits until it is. */
  async expand(item: Locator): Promise<void> {
    await item.waitFor();
    if ((await item.getAttribute('aria-expanded')) === 'false') await item.locator('.monaco-tl-twistie').click();
    await item.and(this.page.locator('[aria-expanded="true"]')).waitFor();
  }

  /** Right-clicks `item` and runs the context-menu entry whose label contains `label`. */
  async contextMenu(item: Locator, label: string): Promise<void> {
    await item.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const entry = menu.locator('.action-item').filter({ hasText: label }).first();
    await entry.waitFor();
    await entry.click();
    // Under load the menu sometimes swallows a click that arrives while it is still settling; the hovered
    // entry has focus then, so Enter runs it.
    if (!(await hiddenWithin(menu, 3000))) {
      await entry.hover();
      await this.page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden' });
    }
  }

  /** Clicks a view's title-bar action (e.g. Refresh, Filter…) by its tooltip. */
  async viewAction(pane: Locator, title: string): Promise<void> {
    await pane.locator('.pane-header').hover();
    await pane.locator(`.pane-header .actions .action-label[aria-label^="${title}"]`).click();
  }

  // ---- command palette, quick input, dialogs ----

  /** Opens the command palette (F1) and runs the command whose palette label contains `title`. */
  async runCommand(title: string): Promise<void> {
    const quickInput = this.quickInput();
    // F1 goes to whatever has focus; if a menu or the like took it, or a tree refreshing after the last command takes
    // focus back and closes the palette while the title is typed, close what is open and try again.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      const typed =
        (await visibleWithin(quickInput.input, 5000)) &&
        (await quickInput.input.fill(`>${title}`, { timeout: 5000 }).then(
          () => true,
          () => false,
        ));
      if (typed) break;
      if (attempt >= 3) throw new Error(`the command palette did not take "${title}" after ${attempt} tries`);
      await this.page.keyboard.press('Escape');
    }
    await quickInput.row(title).click();
  }

  quickInput(): QuickInput {
    return new QuickInput(this.page);
  }

  /** Waits for a modal dialog, clicks its button labelled `button`, and returns the dialog's text. */
  async answerDialog(button: string): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const text = (await dialog.locator('.dialog-message-row').innerText()).trim();
    await dialog.locator('.dialog-buttons .monaco-button').filter({ hasText: new RegExp(`^${escapeRegExp(button)}$`) }).click();
    await dialog.waitFor({ state: 'hidden' });
    return text;
  }

  // ---- notifications ----

  /** Waits for a notification toast containing `text` and returns its full text. */
  async notification(text: string | RegExp): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
    await toast.waitFor();
    return (await toast.innerText()).trim();
  }

  // ---- webviews ----

  /** The content frame of the newest webview (VS Code nests it: an outer iframe, then #active-frame). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  }

  /** The editor tab whose title contains `title`. */
  editorTab(title: string): Locator {
    return this.page.locator('.tabs-container .tab').filter({ hasText: title }).first();
  }
}

/** The quick input widget (command palette, quick picks, input boxes). */
export class QuickInput {
  readonly widget: Locator;
  readonly input: Locator;

  constructor(page: Page) {
    this.widget = page.locator('.quick-input-widget');
    this.input = this.widget.locator('.quick-input-box input');
  }

  /** The first visible list row whose text contains `label`. */
  row(label: string | RegExp): Locator {
    return this.widget.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
  }

  /** Picks the row containing `label` in a single-select quick pick. */
  async pick(label: string | RegExp): Promise<void> {
    await this.row(label).click();
  }

  /** Ticks the rows containing each label in a multi-select quick pick, then accepts. */
  async checkAndAccept(labels: (string | RegExp)[]): Promise<void> {
    for (const label of labels) {
      const row = this.row(label);
      await row.click();
      await row.and(this.widget.locator('[aria-checked="true"]')).waitFor();
    }
    await this.accept();
  }

  /** Types `text` into an input box (replacing what is there) and accepts it with Enter. */
  async type(text: string): Promise<void> {
    await this.input.waitFor();
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  /** Accepts the current quick input (Enter). */
  async accept(): Promise<void> {
    await this.input.press('Enter');
  }

}

/**
 * Gives the enclosing mocha `describe` a fresh workbench: launched before its tests, closed after them,
 * with a screenshot of the failure state after every failed test.
 */
export function useWorkbench(options: LaunchOptions = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async function () {
    this.timeout(120_000);
    workbench = await Workbench.launch(options);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && workbench) {
      const file = await workbench.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
      if (file) console.log(`      screenshot: ${path.relative(ROOT, file)}`);
    }
  });
  after(async function () {
    this.timeout(30_000);
    await workbench?.close();
    workbench = undefined;
  });
  return () => {
    if (!workbench) throw new Error('the workbench is not running (did the before hook fail?)');
    return workbench;
  };
}

/** Whether `locator` shows up within `timeout` ms: a wait on the condition that returns as soon as it holds. */
export async function visibleWithin(locator: Locator, timeout: number): Promise<boolean> {
  return locator.waitFor({ timeout }).then(() => true, () => false);
}

async function hiddenWithin(locator: Locator, timeout: number): Promise<boolean> {
  return locator.waitFor({ state: 'hidden', timeout }).then(() => true, () => false);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
