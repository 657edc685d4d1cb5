// The vscode-elements components the wizards use, imported one by one (the package barrel would add all 38), and
// the factories for the ones every page makes. Lists use a native <select>: its disabled options with their reasons
// stay readable to screen readers.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';

import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeRadioGroup } from '@vscode-elements/elements/dist/vscode-radio-group/vscode-radio-group.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { h, type Attributes } from './dom';

export type { VscodeButton, VscodeCheckbox, VscodeRadioGroup, VscodeTextfield };

export function textfield(id: string, value: string, attributes: Attributes = {}): VscodeTextfield {
  const element = h('vscode-textfield', { id, ...attributes }) as VscodeTextfield;
  element.value = value;
  return element;
}

export function button(id: string, label: string, secondary = false): VscodeButton {
  return h('vscode-button', { id, secondary }, label) as VscodeButton;
}
