// Runs a real, bundled wizard script (dist/webview/<name>.js) in happy-dom with a fake `acquireVsCodeApi`, so the
// tests see exactly what the browser runs: messages both ways, the saved state, and the DOM the user sees.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';

const root = resolve(__dirname, '../../..');

/** The bundle `npm run test:unit` built just before the tests (esbuild's webview target), so it is never stale. */
function webviewScript(name: string): string {
  return readFileSync(join(root, 'dist', 'webview', `${name}.js`), 'utf8');
}

export interface WebviewPage<ToHost, FromHost, State> {
  window: Window;
  document: Window['document'];
  /** Messages the page posted to the host, oldest first. */
  posted: ToHost[];
  /** What the page last saved with setState (a copy, as VS Code keeps it). */
  state(): State | undefined;
  /** Delivers a host message and lets the page render. */
  send(message: FromHost): Promise<void>;
  element<T = HTMLElement>(selector: string): T;
  text(selector: string): string;
  /** Sets a vscode-textfield's value as typing does and fires `input`. */
  type(selector: string, value: string): Promise<void>;
  /** Picks an option of a native <select> and fires `change`. */
  select(selector: string, value: string): Promise<void>;
  /** Sets a vscode-checkbox's or vscode-radio's `checked` as a click does and fires `change`. */
  check(selector: string, checked: boolean): Promise<void>;
  click(selector: string): Promise<void>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Whether the control (a vscode-elements one or a native one) is disabled. */
export function disabled(page: Pick<WebviewPage<unknown, unknown, unknown>, 'element'>, selector: string): boolean {
  return page.element<HTMLElement & { disabled: boolean }>(selector).disabled;
}

/** Loads the page; `savedState` is what VS Code hands back after a reload. */
export async function openWebview<ToHost, FromHost, State>(name: string, savedState?: State): Promise<WebviewPage<ToHost, FromHost, State>> {
  const window = new Window({
    url: 'https://webview.test/index.html',
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  const posted: ToHost[] = [];
  let state: State | undefined = savedState === undefined ? undefined : structuredClone(savedState);
  const globals = window as unknown as Record<string, unknown>;
  globals.acquireVsCodeApi = () => ({
    postMessage: (message: ToHost) => posted.push(JSON.parse(JSON.stringify(message)) as ToHost),
    getState: () => state,
    setState: (next: State) => {
      state = JSON.parse(JSON.stringify(next)) as State;
    },
  });
  // happy-dom has no ElementInternals; the form-associated vscode-elements need these few members.
  (window.HTMLElement.prototype as unknown as Record<string, unknown>).attachInternals = function attachInternals() {
    return {
      setFormValue() {},
      setValidity() {},
      checkValidity: () => true,
      reportValidity: () => true,
      validity: { valid: true },
      validationMessage: '',
      form: null,
      labels: [],
      willValidate: true,
      states: new Set(),
    };
  };
  const document = window.document;
  document.body.innerHTML = '<main id="app" class="wizard"><p class="loading" role="status">Loading…</p></main>';
  const script = document.createElement('script');
  script.textContent = webviewScript(name);
  document.body.appendChild(script);

  // Settled: happy-dom ran every task the page queued (timers, scripts, events) and no vscode-element (Lit) has a
  // render pending; a render may queue tasks again, so both are checked until neither has work left.
  type LitElement = { isUpdatePending: boolean; updateComplete: Promise<boolean> };
  const settle = async () => {
    for (;;) {
      await window.happyDOM.waitUntilComplete();
      const rendering = [...document.querySelectorAll('*')]
        .map((element) => element as unknown as Partial<LitElement>)
        .filter((element): element is LitElement => element.isUpdatePending === true);
      if (rendering.length === 0) return;
      await Promise.all(rendering.map((element) => element.updateComplete));
    }
  };
  const element = <T = HTMLElement>(selector: string): T => {
    const found = document.querySelector(selector);
    if (!found) throw new Error(`No element matches ${selector}`);
    return found as unknown as T;
  };
  await settle();
  return {
    window,
    document,
    posted,
    state: () => state,
    async send(message) {
      window.dispatchEvent(new window.MessageEvent('message', { data: message }));
      await settle();
    },
    element,
    text: (selector) => (element<HTMLElement>(selector).textContent ?? '').replace(/\s+/g, ' ').trim(),
    async type(selector, value) {
      const field = element<HTMLElement & { value: string }>(selector);
      field.value = value;
      field.dispatchEvent(new window.Event('input', { bubbles: true, composed: true }) as unknown as Event);
      await settle();
    },
    async select(selector, value) {
      const select = element<HTMLSelectElement>(selector);
      select.value = value;
      select.dispatchEvent(new window.Event('change', { bubbles: true }) as unknown as Event);
      await settle();
    },
    async check(selector, checked) {
      const control = element<HTMLElement & { checked: boolean }>(selector);
      control.checked = checked;
      control.dispatchEvent(new window.Event('change', { bubbles: true }) as unknown as Event);
      await settle();
    },
    async click(selector) {
      element<HTMLElement>(selector).click();
      await settle();
    },
    settle,
    close: () => window.happyDOM.close(),
  };
}
