// The Create Scope form page. The model (src/wizards/createScopeForm) validates and builds the scope; this file
// renders it, asks the host for the chosen server's scopes and relationships, and reports what the user does.
import type { AddressRange } from '../src/failover';
import { assertNever } from '../src/wizards/assertNever';
import {
  createScopeBlockers,
  createScopeIssues,
  initialCreateScopeState,
  isScopeReady,
  rangeListNote,
  rangeSuggestions,
  updateScopeValues,
  type CreateScopeField,
  type CreateScopeSetup,
  type CreateScopeState,
  type CreateScopeValues,
  type ScopeServerContext,
} from '../src/wizards/createScopeForm';
import type { CreateScopeFromWebview, CreateScopePageState, CreateScopeToWebview, PartialScopeCreation } from '../src/wizards/messages';
import { blockersLine, showBlockers } from './lib/blockers';
import { button, textfield, type VscodeButton, type VscodeTextfield } from './lib/components';
import { byId, h, replaceChildren, selectElement } from './lib/dom';
import { field, type Field } from './lib/fields';
import { showLoadFailure } from './lib/loadFailure';
import { pageFailed, showHostError } from './lib/pageError';
import { hostApi, onHostMessage } from './lib/vscodeApi';

const vscode = hostApi<CreateScopePageState, CreateScopeFromWebview>();

let setup: CreateScopeSetup;
let state: CreateScopeState;
let server: ScopeServerContext | undefined;
let serverError: string | undefined;
let error: string | undefined;
let partial: PartialScopeCreation | undefined;
let busy = false;
const fields = new Map<CreateScopeField, Field>();

function formKey(formSetup: CreateScopeSetup): string {
  return `${formSetup.serverRef ?? ''}:${formSetup.relationshipName ?? ''}`;
}

function save(): void {
  vscode.setState({ key: formKey(setup), form: state, error, partial });
}

function change(patch: Partial<CreateScopeValues>): void {
  state = updateScopeValues(state, patch);
  error = undefined;
  save();
  refresh();
}

function loadServer(serverRef: string): void {
  server = undefined;
  serverError = undefined;
  // The previous server's relationships go at once: none of them can take a scope on this server.
  renderRelationships();
  renderRangeSuggestions();
  if (serverRef) vscode.postMessage({ t: 'loadServer', serverRef });
}

// ---- building the page ------------------------------------------------------------------------------------------

function exclusionRows(): HTMLElement[] {
  return state.values.exclusions.map((exclusion, index) => {
    const label = `Exclusion ${index + 1}`;
    const from = textfield(`exclusion-${index}-from`, exclusion.from, { label: `${label}, first address`, placeholder: 'First address' });
    const to = textfield(`exclusion-${index}-to`, exclusion.to, { label: `${label}, last address`, placeholder: 'Last address' });
    const remove = button(`exclusion-${index}-remove`, 'Remove', true);
    remove.setAttribute('aria-label', `Remove ${label.toLowerCase()}`);
    const update = (patch: Partial<AddressRange>) =>
      change({ exclusions: state.values.exclusions.map((item, at) => (at === index ? { ...item, ...patch } : item)) });
    from.addEventListener('input', () => update({ from: from.value }));
    to.addEventListener('input', () => update({ to: to.value }));
    remove.addEventListener('click', () => {
      change({ exclusions: state.values.exclusions.filter((_, at) => at !== index) });
      renderExclusions();
    });
    return h('div', { class: 'exclusion', role: 'group', 'aria-label': label }, from, h('span', { 'aria-hidden': 'true' }, '–'), to, remove);
  });
}

function renderExclusions(): void {
  replaceChildren(byId('exclusions'), ...exclusionRows());
}

function renderRelationships(): void {
  const select = byId<HTMLSelectElement>('relationship');
  const options: Array<{ value: string; text: string; disabled?: boolean }> = [{ value: '', text: 'None: not in a failover relationship' }].concat(
    (server?.relationships ?? []).map((choice) => {
      const text = `${choice.name} (with ${choice.partner}, ${choice.stateLabel})`;
      return { value: choice.name, text: choice.disabledReason ? `${text}: ${choice.disabledReason}` : text, disabled: choice.disabledReason !== undefined };
    }),
  );
  // A relationship asked for before the server's list arrives stays selected so its message can show.
  const chosen = state.values.relationshipName;
  if (chosen && !options.some((option) => option.value === chosen)) options.push({ value: chosen, text: chosen, disabled: false });
  replaceChildren(select, ...options.map((option) => h('option', { value: option.value, disabled: option.disabled === true }, option.text)));
  select.value = chosen;
}

/** The ranges this server has no scope in, to pick as the network; the typed network stays selected when it is one. */
function renderRangeSuggestions(): void {
  const select = byId<HTMLSelectElement>('range-pick');
  const networks = rangeSuggestions(setup.ranges, server);
  const prompt = networks.length > 0 ? `Pick an existing IPAM range (${networks.length})…` : 'No IPAM range without a scope on this server';
  replaceChildren(select, h('option', { value: '' }, prompt), ...networks.map((network) => h('option', { value: network }, network)));
  syncRangePick();
}

function syncRangePick(): void {
  const select = byId<HTMLSelectElement>('range-pick');
  const typed = state.values.network.trim();
  select.value = [...select.options].some((option) => option.value === typed) ? typed : '';
}

function build(): void {
  fields.clear();
  const serverSelect = selectElement(
    'server',
    [{ value: '', text: 'Choose a Microsoft DHCP server…' }].concat(setup.servers.map((item) => ({ value: item.ref, text: item.name }))),
    state.values.serverRef,
  );
  serverSelect.addEventListener('change', () => {
    change({ serverRef: serverSelect.value });
    loadServer(serverSelect.value);
    refresh();
  });
  fields.set('serverRef', field('Server', serverSelect));

  const network = textfield('network', state.values.network, { placeholder: '10.1.20.0/24' });
  network.addEventListener('input', () => change({ network: network.value }));
  // A native select, as the other lists: a picked range fills the network, which can still be typed.
  const rangePick = h('select', { id: 'range-pick', class: 'dropdown', 'aria-label': 'Existing IPAM ranges' }) as HTMLSelectElement;
  rangePick.addEventListener('change', () => {
    if (!rangePick.value) return;
    network.value = rangePick.value;
    change({ network: rangePick.value });
  });
  fields.set('network', field('Network (CIDR)', network, { extra: rangePick, hint: rangeListNote(setup.ranges) }));

  const name = textfield('scope-name', state.values.name, { placeholder: 'defaults to the network' });
  name.addEventListener('input', () => change({ name: name.value }));
  fields.set('name', field('Name', name, { hint: 'Optional, up to 255 characters; without one the scope is named by its network.' }));

  const description = textfield('description', state.values.description);
  description.addEventListener('input', () => change({ description: description.value }));
  const descriptionField = field('Description', description);

  const poolFrom = textfield('pool-from', state.values.poolFrom);
  poolFrom.addEventListener('input', () => change({ poolFrom: poolFrom.value }));
  fields.set('poolFrom', field('Address pool start', poolFrom, { hint: 'Filled from the network until you change it.' }));
  const poolTo = textfield('pool-to', state.values.poolTo);
  poolTo.addEventListener('input', () => change({ poolTo: poolTo.value }));
  fields.set('poolTo', field('Address pool end', poolTo));

  const addExclusion = button('add-exclusion', 'Add Exclusion', true);
  addExclusion.addEventListener('click', () => {
    change({ exclusions: [...state.values.exclusions, { from: '', to: '' }] });
    renderExclusions();
  });
  const exclusionsError = h('div', { id: 'exclusions-error', class: 'field-error', 'aria-live': 'polite' });
  fields.set('exclusions', {
    row: exclusionsError,
    setError(message) {
      replaceChildren(exclusionsError, message ?? '');
    },
  });

  const createRangeBox = h('input', { type: 'checkbox', id: 'create-range' }) as HTMLInputElement;
  createRangeBox.checked = state.values.createRange;
  createRangeBox.addEventListener('change', () => change({ createRange: createRangeBox.checked }));

  const relationship = selectElement('relationship', [], '');
  relationship.addEventListener('change', () => change({ relationshipName: relationship.value }));
  fields.set('relationshipName', field('Failover relationship', relationship, { hint: 'Only relationships this server is the primary of can take the scope.' }));

  replaceChildren(
    byId('app'),
    h('h1', {}, 'Create Scope'),
    fields.get('serverRef')?.row,
    h('div', { class: 'field-control' }, h('p', { id: 'server-status', class: 'field-hint', role: 'status' }), button('server-retry', 'Retry', true)),
    fields.get('network')?.row,
    h(
      'div',
      { class: 'field-control' },
      h('label', {}, createRangeBox, ' Create the IPAM range for this network if Micetro has none (a scope lives in an existing range)'),
    ),
    fields.get('name')?.row,
    descriptionField.row,
    fields.get('poolFrom')?.row,
    fields.get('poolTo')?.row,
    h(
      'fieldset',
      { class: 'field', 'aria-describedby': 'exclusions-error' },
      h('legend', {}, 'Exclusions'),
      h('div', { id: 'exclusions' }),
      exclusionsError,
      h('div', {}, addExclusion),
    ),
    fields.get('relationshipName')?.row,
    h('div', { id: 'form-error', class: 'error-box', role: 'alert', tabindex: '-1', hidden: true }),
    h(
      'div',
      { id: 'partial', class: 'error-box', role: 'alert', tabindex: '-1', hidden: true },
      h('p', { id: 'partial-text' }),
      h('div', { class: 'buttons' }, button('finish', 'Finish'), button('undo', 'Undo', true), button('close', 'Close', true)),
    ),
    h(
      'div',
      { class: 'buttons footer', id: 'form-buttons' },
      button('cancel', 'Cancel', true),
      button('create', 'Create'),
      blockersLine(),
    ),
  );
  renderExclusions();
  renderRelationships();
  renderRangeSuggestions();
  byId('cancel').addEventListener('click', () => vscode.postMessage({ t: 'cancel' }));
  byId('close').addEventListener('click', () => vscode.postMessage({ t: 'cancel' }));
  byId('create').addEventListener('click', submit);
  byId('server-retry').addEventListener('click', () => {
    loadServer(state.values.serverRef);
    refresh();
  });
  for (const action of ['finish', 'undo'] as const) {
    byId(action).addEventListener('click', () => {
      if (!partial || busy) return;
      busy = true;
      refresh();
      vscode.postMessage({ t: action });
    });
  }
}

function submit(): void {
  if (busy || partial || !isScopeReady(state.values, server, setup.ranges)) return;
  busy = true;
  error = undefined;
  save();
  refresh();
  vscode.postMessage({ t: 'submit', values: state.values });
}

// ---- keeping the page in line with the state ----------------------------------------------------------------------

function refresh(): void {
  const issues = createScopeIssues(state.values, server, setup.ranges);
  for (const [name, view] of fields) view.setError(state.touched.includes(name) ? issues[name] : undefined);
  const poolFrom = byId<VscodeTextfield>('pool-from');
  const poolTo = byId<VscodeTextfield>('pool-to');
  if (poolFrom.value !== state.values.poolFrom) poolFrom.value = state.values.poolFrom;
  if (poolTo.value !== state.values.poolTo) poolTo.value = state.values.poolTo;
  syncRangePick();

  let status = '';
  if (serverError) status = serverError;
  else if (state.values.serverRef && server?.serverRef !== state.values.serverRef) status = 'Loading the scopes and relationships of this server…';
  replaceChildren(byId('server-status'), status);
  byId('server-retry').hidden = serverError === undefined;

  const formError = byId('form-error');
  formError.hidden = error === undefined;
  replaceChildren(formError, error ? `Micetro did not create the scope: ${error}` : '');

  const partialBox = byId('partial');
  partialBox.hidden = partial === undefined;
  if (partial) {
    replaceChildren(
      byId('partial-text'),
      `${partial.summary} ${partial.message} Finish adds the rest; Undo deletes the scope${partial.summary.includes('new IPAM range') ? ' and the range' : ''}.`,
    );
  }
  byId('form-buttons').hidden = partial !== undefined;
  for (const element of byId('app').querySelectorAll('vscode-textfield, select, #exclusions vscode-button, #add-exclusion, #create-range')) {
    (element as HTMLInputElement).disabled = partial !== undefined;
  }
  byId<VscodeButton>('create').disabled = busy || !isScopeReady(state.values, server, setup.ranges);
  showBlockers(busy ? [] : createScopeBlockers(state.values, server, setup.ranges));
  byId<VscodeButton>('finish').disabled = busy;
  byId<VscodeButton>('undo').disabled = busy;
  byId('app').setAttribute('aria-busy', String(busy));
}

// ---- messages from the host -----------------------------------------------------------------------------------------

onHostMessage<CreateScopeToWebview>((message) => {
  switch (message.t) {
    case 'init': {
      setup = message.setup;
      const saved = vscode.getState();
      const restored = saved?.key === formKey(setup) ? saved : undefined;
      const fresh = initialCreateScopeState(setup);
      // A draft saved before the form had a Name field has no name.
      state = restored?.form ? { ...restored.form, values: { ...fresh.values, ...restored.form.values } } : fresh;
      error = restored?.error;
      partial = restored?.partial;
      busy = false;
      build();
      save();
      loadServer(state.values.serverRef);
      refresh();
      break;
    }
    case 'loadFailed':
      showLoadFailure('Create Scope', message.message, () => vscode.postMessage({ t: 'ready' }));
      break;
    case 'serverContext':
      if (message.context.serverRef !== state.values.serverRef) return;
      server = message.context;
      renderRelationships();
      renderRangeSuggestions();
      refresh();
      break;
    case 'serverLoadFailed':
      if (message.serverRef !== state.values.serverRef) return;
      serverError = `Could not read this server's scopes and relationships: ${message.message}`;
      refresh();
      break;
    case 'createFailed':
      busy = false;
      // After an Undo nothing exists any more: the form is editable again, with everything typed still in it.
      partial = undefined;
      error = message.message;
      save();
      refresh();
      byId('form-error').focus();
      break;
    case 'partlyCreated': {
      busy = false;
      const { t: _tag, ...rest } = message;
      partial = rest;
      save();
      refresh();
      byId('partial').focus();
      break;
    }
    case 'hostError':
      showHostError(message.message, () => {
        if (!busy) return;
        busy = false;
        refresh();
      });
      break;
    default:
      assertNever(message);
  }
}, (error) => pageFailed(error, (report) => vscode.postMessage(report)));

vscode.postMessage({ t: 'ready' });
