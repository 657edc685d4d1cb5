// Failures on a wizard page: what the host refused or failed to do, and what the page itself failed to handle.
// Either is shown as text at the top of the page; the page's own failures also go to the host, which logs them.
import { MAX_PAGE_ERROR_LENGTH } from '../../src/wizards/pageMessageVocabulary';
import { byId, h, replaceChildren } from './dom';

/** Shows `message` as text in one alert box at the top of the page (a later failure replaces it). */
function showPageError(message: string): HTMLElement {
  const app = byId('app');
  let box = document.getElementById('page-error');
  if (!box) {
    box = h('div', { id: 'page-error', class: 'error-box', role: 'alert', tabindex: '-1' });
    app.insertBefore(box, app.firstChild);
  }
  replaceChildren(box, message);
  return box;
}

/**
 * What the host refused or failed to do: shown at the top and focused. `release` ends the request the page was
 * waiting for, so the user may change something and send again.
 */
export function showHostError(message: string, release: () => void): void {
  const box = showPageError(message);
  release();
  box.focus();
}

/** Shows a failure of the page's own code and reports it to the host with `post`. */
export function pageFailed(error: unknown, post: (message: { t: 'pageError'; message: string }) => void): void {
  const text = error instanceof Error ? error.message : String(error);
  showPageError(`This page failed to show the extension's answer: ${text}`);
  post({ t: 'pageError', message: text.slice(0, MAX_PAGE_ERROR_LENGTH) });
}
