// The line beside a page's buttons that says what keeps them disabled: nothing is disabled without its reason.
import { byId, h, replaceChildren } from './dom';

/** The empty line; a status, so screen readers announce it when it changes. */
export function blockersLine(): HTMLElement {
  return h('p', { id: 'blockers', class: 'blockers', role: 'status' });
}

/** Lists what blocks going on, or clears the line when nothing does. */
export function showBlockers(blockers: readonly string[]): void {
  replaceChildren(byId('blockers'), blockers.length > 0 ? `To continue: ${blockers.join(' ')}` : '');
}
