// What a wizard page shows when the host could not read what it needs: the reason, and a Retry that asks again.
import { button } from './components';
import { byId, h, replaceChildren } from './dom';

/** Replaces the page with `message` under `title`; Retry shows Loading… and calls `retry`. */
export function showLoadFailure(title: string, message: string, retry: () => void): void {
  const retryButton = button('retry-load', 'Retry');
  retryButton.addEventListener('click', () => {
    replaceChildren(byId('app'), h('p', { class: 'loading', role: 'status' }, 'Loading…'));
    retry();
  });
  replaceChildren(
    byId('app'),
    h('h1', {}, title),
    h('div', { class: 'error-box', role: 'alert' }, h('p', {}, message), h('div', { class: 'buttons' }, retryButton)),
  );
  retryButton.focus();
}
