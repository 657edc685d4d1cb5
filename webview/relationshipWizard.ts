// The Add / Edit Failover Relationship wizard page. The model (src/wizards/relationshipWizard) decides steps,
// validation and what is sent; this file only renders it and reports what the user does. The draft is saved with
// setState on every change, except the shared secret, which stays in this page's memory until it is submitted.
import { DURATION_UNITS, type FailoverMode } from '../src/failover';
import { assertNever } from '../src/wizards/assertNever';
import type { RelationshipWizardFromWebview, RelationshipWizardPageState, RelationshipWizardToWebview } from '../src/wizards/messages';
import type { DurationInput } from '../src/wizards/numberInput';
import { RELATIONSHIP_STEPS, type RelationshipWizardField } from '../src/wizards/pageMessageVocabulary';
import {
  MODE_LABELS,
  RELATIONSHIP_STEP_TITLES,
  answerModeChange,
  chooseMode,
  initialRelationshipState,
  isReadyToSend,
  isStepValid,
  nextStep,
  percentageText,
  previousStep,
  relationshipIssues,
  relationshipSummary,
  stepBlockers,
  touch,
  updateValues,
  type RelationshipWizardSetup,
  type RelationshipWizardState,
  type RelationshipWizardValues,
} from '../src/wizards/relationshipWizard';
import { blockersLine, showBlockers } from './lib/blockers';
import { button, textfield, type VscodeButton, type VscodeCheckbox, type VscodeTextfield } from './lib/components';
import { append, byId, h, replaceChildren, selectElement } from './lib/dom';
import { field, type Field } from './lib/fields';
import { showLoadFailure } from './lib/loadFailure';
import { pageFailed, showHostError } from './lib/pageError';
import { hostApi, onHostMessage } from './lib/vscodeApi';

const vscode = hostApi<RelationshipWizardPageState, RelationshipWizardFromWebview>();

let setup: RelationshipWizardSetup;
let state: RelationshipWizardState;
let secret = '';
let secretEntered = false;
let saveError: string | undefined;
let saving = false;
const fields = new Map<RelationshipWizardField, Field>();

function wizardKey(wizardSetup: RelationshipWizardSetup): string {
  return `${wizardSetup.kind}:${wizardSetup.primary.ref}:${wizardSetup.existing?.name ?? ''}`;
}

function save(): void {
  vscode.setState({ key: wizardKey(setup), wizard: state, saveError, secretEntered });
}

/** A number with its unit (MCLT, switchover interval); `label` names the field the unit belongs to. */
function durationControl(
  id: string,
  label: string,
  input: DurationInput,
  onChange: (input: DurationInput) => void,
): { value: VscodeTextfield; unit: HTMLSelectElement } {
  const value = textfield(id, input.value, { type: 'number', min: '0' });
  const unit = selectElement(`${id}-unit`, DURATION_UNITS.map((name) => ({ value: name, text: name })), input.unit);
  unit.setAttribute('aria-label', `${label} unit`);
  const read = () => onChange({ value: value.value, unit: unit.value as DurationInput['unit'] });
  value.addEventListener('input', read);
  unit.addEventListener('change', read);
  return { value, unit };
}

function change(patch: Partial<RelationshipWizardValues>): void {
  state = updateValues(state, patch);
  saveError = undefined;
  save();
  refresh();
}

// ---- building the page (once per init) ----------------------------------------------------------------------

function buildGeneral(): HTMLElement {
  const section = h('section', { id: 'step-general', 'aria-labelledby': 'step-general-title' }, h('h2', { id: 'step-general-title' }, 'General'));
  const edit = setup.kind === 'edit';

  const name = textfield('name', state.values.name);
  name.disabled = edit;
  name.addEventListener('input', () => change({ name: name.value }));
  const nameField = field('Failover name', name, { hint: edit ? 'The name of an existing relationship cannot change.' : undefined });
  fields.set('name', nameField);

  const primaryField = field('Primary server', h('output', { id: 'primary', class: 'readonly' }, setup.primary.name), {
    hint: 'The server the wizard was started from.',
  });
  fields.set('primary', primaryField);

  const mode = h('vscode-radio-group', { id: 'mode', variant: 'vertical' });
  for (const value of ['HotStandby', 'LoadBalance'] as FailoverMode[]) {
    append(mode, h('vscode-radio', { id: `mode-${value}`, name: 'mode', value, label: MODE_LABELS[value] }));
  }
  const readMode = () => {
    const checked = [...mode.querySelectorAll('vscode-radio')].find((radio) => radio.checked);
    const value = checked?.getAttribute('value') as FailoverMode | undefined;
    if (!value || value === (state.pendingMode ?? state.values.failoverMode)) return;
    state = chooseMode(setup, state, value);
    saveError = undefined;
    save();
    refresh();
    // The question appears beside the mode; the keyboard goes to it so it is heard and answered.
    if (state.pendingMode) byId('mode-confirm-yes').focus();
  };
  mode.addEventListener('change', readMode);
  // vscode-radio-group 2.5.1 checks a radio on arrow keys without a change event.
  mode.addEventListener('keydown', () => queueMicrotask(readMode));
  const modeField = field('Mode', mode);
  fields.set('failoverMode', modeField);

  const confirm = h(
    'div',
    { id: 'mode-confirm', class: 'notice', role: 'alertdialog', 'aria-labelledby': 'mode-confirm-text', hidden: true },
    h('p', { id: 'mode-confirm-text' }),
    h('div', { class: 'buttons' }, button('mode-confirm-yes', 'Change Mode'), button('mode-confirm-no', 'Keep Current Mode', true)),
  );
  const answer = (confirmed: boolean) => {
    state = answerModeChange(state, confirmed);
    save();
    refresh();
    byId(`mode-${state.values.failoverMode}`).focus();
  };
  confirm.querySelector('#mode-confirm-yes')?.addEventListener('click', () => answer(true));
  confirm.querySelector('#mode-confirm-no')?.addEventListener('click', () => answer(false));

  let partnerControl: HTMLElement;
  if (edit) {
    partnerControl = h('output', { id: 'partner', class: 'readonly' }, state.values.partner);
  } else {
    const options = [{ value: '', text: 'Choose a Microsoft DHCP server…' }].concat(
      setup.partners.map((partner) => {
        const count = `${partner.relationshipCount} ${partner.relationshipCount === 1 ? 'relationship' : 'relationships'}`;
        const note = partner.disabledReason ?? partner.warning;
        return { value: partner.name, text: note ? `${partner.name} (${count}): ${note}` : `${partner.name} (${count})`, disabled: partner.disabledReason !== undefined };
      }),
    );
    const select = selectElement('partner', options, state.values.partner);
    select.addEventListener('change', () => change({ partner: select.value }));
    partnerControl = select;
  }
  const partnerField = field('Partner server', partnerControl, {
    hint: edit ? 'The servers of an existing relationship cannot change.' : 'Only Microsoft DHCP servers other than the primary can be partners.',
  });
  fields.set('partner', partnerField);

  append(section, nameField.row, primaryField.row, modeField.row, confirm, partnerField.row);
  return section;
}

function buildModeSettings(): HTMLElement {
  const percentage = textfield('percentage', percentageText(state.values), { type: 'number', min: '0', max: '100' });
  percentage.addEventListener('input', () =>
    change(state.values.failoverMode === 'LoadBalance' ? { loadBalancePercent: percentage.value } : { reservePercent: percentage.value }),
  );
  const percentageField = field('Percentage', percentage, { extra: h('span', { id: 'partner-share', class: 'beside' }) });
  fields.set('percentage', percentageField);
  return h(
    'section',
    { id: 'step-mode', 'aria-labelledby': 'step-mode-title', hidden: true },
    h('h2', { id: 'step-mode-title' }, 'Mode settings'),
    percentageField.row,
  );
}

function buildAdvanced(): HTMLElement {
  const mclt = durationControl('mclt', 'Maximum client lead time', state.values.mclt, (input) => change({ mclt: input }));
  const mcltField = field('Maximum client lead time', mclt.value, {
    extra: mclt.unit,
    hint: 'How long a server may extend a lease beyond what its partner knows. Default 1 hour.',
  });
  fields.set('mclt', mcltField);

  const safePeriod = durationControl('safe-period', 'State switchover interval', state.values.safePeriod, (input) => change({ safePeriod: input }));
  const safePeriodField = field('State switchover interval', safePeriod.value, {
    extra: safePeriod.unit,
    hint: 'After this long in Communication interrupted a server moves to Partner down on its own. 0 = automatic switchover off.',
  });
  fields.set('safePeriod', safePeriodField);

  const auth = h('vscode-checkbox', { id: 'auth', label: 'Message authentication' }) as VscodeCheckbox;
  auth.checked = state.values.messageAuthentication;
  auth.addEventListener('change', () => {
    // With authentication off there is no secret to re-enter after a reload.
    if (!auth.checked) secretEntered = false;
    change({ messageAuthentication: auth.checked });
  });

  const secretInput = textfield('secret', '', { type: 'password', autocomplete: 'off' });
  secretInput.addEventListener('input', () => {
    secret = secretInput.value;
    secretEntered = secret !== '';
    state = touch(state, 'sharedSecret');
    saveError = undefined;
    save();
    refresh();
  });
  const keep = setup.kind === 'edit' && setup.existing?.enableAuth !== false;
  const secretField = field('Shared secret', secretInput, {
    hint: keep ? 'Leave empty to keep the current secret; type a new one to replace it.' : 'Both servers use it to authenticate their messages.',
  });
  fields.set('sharedSecret', secretField);

  return h(
    'section',
    { id: 'step-advanced', 'aria-labelledby': 'step-advanced-title', hidden: true },
    h('h2', { id: 'step-advanced-title' }, 'Advanced'),
    mcltField.row,
    safePeriodField.row,
    h('div', { class: 'field' }, auth),
    secretField.row,
  );
}

function buildSummary(): HTMLElement {
  return h(
    'section',
    { id: 'step-summary', 'aria-labelledby': 'step-summary-title', hidden: true },
    h('h2', { id: 'step-summary-title' }, 'Summary'),
    h('p', {}, 'The relationship is sent to Micetro exactly as shown.'),
    h('table', { id: 'summary', class: 'summary' }, h('tbody')),
    h('div', { id: 'save-error', class: 'error-box', role: 'alert', tabindex: '-1', hidden: true }),
  );
}

function build(): void {
  fields.clear();
  const title = setup.kind === 'edit' ? `Edit Failover Relationship "${setup.existing?.name ?? ''}"` : 'Add Failover Relationship';
  const steps = h('ol', { id: 'steps', class: 'steps', 'aria-label': 'Steps' });
  RELATIONSHIP_STEPS.forEach((step, index) => append(steps, h('li', { id: `steps-${step}` }, `${index + 1}. ${RELATIONSHIP_STEP_TITLES[step]}`)));
  const footer = h(
    'div',
    { class: 'buttons footer' },
    button('cancel', 'Cancel', true),
    button('back', 'Back', true),
    button('next', 'Next'),
    button('save', setup.kind === 'edit' ? 'Save' : 'Add'),
    blockersLine(),
  );
  replaceChildren(
    byId('app'),
    h('h1', { id: 'title' }, title),
    steps,
    h('div', { id: 'secret-notice', class: 'notice', role: 'status', hidden: true }, 'The shared secret is not kept when the page reloads. Enter it again on the Advanced step.'),
    buildGeneral(),
    buildModeSettings(),
    buildAdvanced(),
    buildSummary(),
    footer,
  );
  byId('cancel').addEventListener('click', () => vscode.postMessage({ t: 'cancel' }));
  byId('back').addEventListener('click', () => {
    state = previousStep(state);
    save();
    refresh();
    focusStep();
  });
  byId('next').addEventListener('click', () => {
    if (!isStepValid(setup, state, secret)) return;
    state = nextStep(setup, state, secret);
    save();
    refresh();
    focusStep();
  });
  byId('save').addEventListener('click', submit);
}

function submit(): void {
  if (saving || !isReadyToSend(setup, state, secret)) return;
  saving = true;
  saveError = undefined;
  save();
  refresh();
  vscode.postMessage({ t: 'submit', state, sharedSecret: secret });
}

function focusStep(): void {
  byId(`step-${state.step}-title`).setAttribute('tabindex', '-1');
  byId(`step-${state.step}-title`).focus();
}

// ---- keeping the page in line with the state --------------------------------------------------------------------

function setDisabled(id: string, disabled: boolean): void {
  byId<VscodeButton>(id).disabled = disabled;
}

function refresh(): void {
  const issues = relationshipIssues(setup, state.values, secret);
  for (const [name, view] of fields) {
    // The primary is never typed: a primary at its limit must show its message without being touched.
    const shown = name === 'primary' || state.touched.includes(name) || (name === 'sharedSecret' && secretEntered);
    view.setError(shown ? issues[name] : undefined);
  }
  for (const step of RELATIONSHIP_STEPS) {
    byId(`step-${step}`).hidden = step !== state.step;
    const item = byId(`steps-${step}`);
    if (step === state.step) item.setAttribute('aria-current', 'step');
    else item.removeAttribute('aria-current');
  }

  const shown = state.pendingMode ?? state.values.failoverMode;
  for (const radio of byId('mode').querySelectorAll('vscode-radio')) {
    radio.checked = radio.getAttribute('value') === shown;
  }
  const confirm = byId('mode-confirm');
  confirm.hidden = state.pendingMode === undefined;
  if (state.pendingMode && setup.existing) {
    replaceChildren(
      byId('mode-confirm-text'),
      `Change the mode of "${setup.existing.name}" from ${MODE_LABELS[setup.existing.failoverMode]} to ${MODE_LABELS[state.pendingMode]}? ` +
        'Both servers switch how they share the address pool.',
    );
  }

  const percentage = byId<VscodeTextfield>('percentage');
  const loadBalance = state.values.failoverMode === 'LoadBalance';
  const percentageLabel = loadBalance ? 'Local server load balance percentage' : 'Addresses reserved for the standby server (%)';
  replaceChildren(byId('percentage-field').querySelector('vscode-label') as Element, percentageLabel);
  // vscode-label names its textfield only when it connects, so the field's own name follows the mode here.
  percentage.label = percentageLabel;
  if (percentage.value !== percentageText(state.values)) percentage.value = percentageText(state.values);
  const share = Number(percentageText(state.values));
  replaceChildren(
    byId('partner-share'),
    loadBalance && Number.isInteger(share) && share >= 0 && share <= 100 ? `Partner server (${state.values.partner || 'partner'}): ${100 - share} %` : '',
  );

  byId('secret-field').hidden = !state.values.messageAuthentication;
  byId('secret-notice').hidden = !(state.values.messageAuthentication && secretEntered && secret === '');

  const rows = relationshipSummary(setup, state, secret).map((row) => h('tr', {}, h('th', { scope: 'row' }, row.label), h('td', {}, row.value)));
  replaceChildren(byId('summary').querySelector('tbody') as Element, ...rows);
  const errorBox = byId('save-error');
  errorBox.hidden = saveError === undefined;
  replaceChildren(errorBox, saveError ? `Micetro did not accept the change: ${saveError}` : '');

  const index = RELATIONSHIP_STEPS.indexOf(state.step);
  const onSummary = state.step === 'summary';
  byId('back').hidden = index === 0;
  byId('next').hidden = onSummary;
  byId('save').hidden = !onSummary;
  setDisabled('back', saving);
  setDisabled('next', !isStepValid(setup, state, secret));
  setDisabled('save', saving || !isReadyToSend(setup, state, secret));
  showBlockers(saving ? [] : stepBlockers(setup, state, secret));
  byId('app').setAttribute('aria-busy', String(saving));
}

// ---- messages from the host -----------------------------------------------------------------------------------

onHostMessage<RelationshipWizardToWebview>((message) => {
  switch (message.t) {
    case 'init': {
      setup = message.setup;
      const saved = vscode.getState();
      const restored = saved?.key === wizardKey(setup) ? saved : undefined;
      state = restored?.wizard ?? initialRelationshipState(setup);
      saveError = restored?.saveError;
      secretEntered = restored?.secretEntered ?? false;
      saving = false;
      build();
      save();
      refresh();
      break;
    }
    case 'loadFailed':
      showLoadFailure('Failover Relationship', message.message, () => vscode.postMessage({ t: 'ready' }));
      break;
    case 'saveFailed':
      saving = false;
      saveError = message.message;
      state = { ...state, step: 'summary' };
      save();
      refresh();
      byId('save-error').focus();
      break;
    case 'hostError':
      showHostError(message.message, () => {
        if (!saving) return;
        saving = false;
        refresh();
      });
      break;
    default:
      assertNever(message);
  }
}, (error) => pageFailed(error, (report) => vscode.postMessage(report)));

vscode.postMessage({ t: 'ready' });
