// The typed handle to the VS Code webview API: messages to the host and the page state kept across reloads.

export interface WebviewApi<State, ToHost> {
  postMessage(message: ToHost): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare global {
  function acquireVsCodeApi(): WebviewApi<unknown, unknown>;
}

/** May be called once per page (VS Code throws on a second call). */
export function hostApi<State, ToHost>(): WebviewApi<State, ToHost> {
  return acquireVsCodeApi() as WebviewApi<State, ToHost>;
}

/** Calls `handle` for each message the host posts to the page; a failure of `handle` goes to `failed`. */
export function onHostMessage<FromHost>(handle: (message: FromHost) => void, failed: (error: unknown) => void): void {
  window.addEventListener('message', (event: MessageEvent<FromHost>) => {
    try {
      handle(event.data);
    } catch (error) {
      failed(error);
    }
  });
}
