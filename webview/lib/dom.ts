// Building the page without HTML strings: attributes by setAttribute and every text as a text node, so a server or
// relationship name such as `<img src=x onerror=…>` is shown as text and never parsed.

export type Child = Node | string | false | undefined;
export type Attributes = Record<string, string | boolean | undefined>;

/** `h('p', {class: 'hint'}, 'text', child)`; `true` sets an empty attribute, `false`/undefined leaves it out. */
export function h(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces the children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no element #${id}.`);
  return element as T;
}

/** A native select with its options; `disabled` options keep their reason in the text. */
export function selectElement(id: string, options: Array<{ value: string; text: string; disabled?: boolean }>, value: string): HTMLSelectElement {
  const select = h('select', { id, class: 'dropdown' }) as HTMLSelectElement;
  for (const option of options) {
    append(select, h('option', { value: option.value, disabled: option.disabled === true }, option.text));
  }
  select.value = value;
  return select;
}
