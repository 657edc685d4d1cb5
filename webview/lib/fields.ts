// A labelled form field with its validation message beside it. The label is tied to the control (`for`). A native
// control points at its message and hint with aria-describedby, so screen readers read them with the field. The
// input of a vscode-elements control sits in a shadow root that ids outside cannot reach, so there the message is
// a polite live region instead: a screen reader announces it when it appears or changes.
import { h, replaceChildren } from './dom';

export interface Field {
  row: HTMLElement;
  /** Shows the message, or clears it with undefined. */
  setError(message: string | undefined): void;
}

/** `control` must carry an id. Native controls get a <label>, vscode-elements a <vscode-label>. */
export function field(label: string, control: HTMLElement, options: { hint?: string; extra?: HTMLElement } = {}): Field {
  const id = control.id;
  const errorId = `${id}-error`;
  const hintId = options.hint ? `${id}-hint` : undefined;
  const shadowed = control.tagName.toLowerCase().startsWith('vscode-');
  const labelElement = shadowed ? h('vscode-label', { for: id }, label) : h('label', { for: id }, label);
  if (!shadowed) control.setAttribute('aria-describedby', [errorId, hintId].filter(Boolean).join(' '));
  const error = h('div', { id: errorId, class: 'field-error', 'aria-live': 'polite' });
  const row = h(
    'div',
    { class: 'field', id: `${id}-field` },
    labelElement,
    h('div', { class: 'field-control' }, control, options.extra),
    options.hint ? h('div', { id: hintId, class: 'field-hint' }, options.hint) : undefined,
    error,
  );
  return {
    row,
    setError(message) {
      replaceChildren(error, message ?? '');
      error.hidden = message === undefined;
      if ('invalid' in control) (control as HTMLElement & { invalid: boolean }).invalid = message !== undefined;
      control.setAttribute('aria-invalid', String(message !== undefined));
    },
  };
}
