// Text from Micetro (names, descriptions, error messages) shown where VS Code renders more than text.
// Notifications, modal dialogs and input prompts turn `[x](command:…)` into a link that runs a command; labels,
// quick picks, progress and the status bar turn `$(name)` into an icon; newlines and bidirectional controls let a
// name pose as other text. No vscode import, so the unit layer can check it.

/** A zero-width word joiner: invisible, and it breaks the `](` of a link and the `$(` of an icon. */
const JOINER = '\u2060';

/** C0/C1 controls, and the invisible or direction-changing characters (bidi embeddings, overrides, isolates, marks). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The same text, shown as typed wherever it lands: no link, no icon, no hidden or reordering character
 * (each is written out, e.g. `\n`, `\u202E`). Apply it to every string that reaches a notification, dialog,
 * quick pick, input prompt, progress title or tree label.
 */
export function plainText(text: string): string {
  return text
    .replace(HIDDEN, visible)
    .replace(/\]\(/g, `]${JOINER}(`)
    .replace(/\$\(/g, `$${JOINER}(`);
}
