// The Add / Edit Failover Relationship wizard without a DOM: steps, what the user typed, validation per field
// (the same src/failover rules the simulator enforces) and the exact object sent to Micetro. The webview renders
// it; the panel host builds the setup and sends the result. The shared secret is never part of the state: it is
// passed in separately so nothing that persists (webview state) ever holds it.
import type * as v from 'valibot';
import type { DHCPFailoverRelationship } from '../api/types';
import {
  DEFAULT_MCLT_SECONDS,
  DEFAULT_SAFE_PERIOD_SECONDS,
  bestUnit,
  defaultPercentage,
  formatDuration,
  messagesByField,
  validateParameters,
  validateRelationship,
  type FailoverMode,
  type RelationshipDraft,
  type RelationshipField,
} from '../failover';
import { durationSeconds, parseWholeNumber, type DurationInput } from './numberInput';
import type { relationshipWizardStateSchema, relationshipWizardValuesSchema } from './pageMessageSchemas';
import { RELATIONSHIP_STEPS, type RelationshipStep, type RelationshipWizardField } from './pageMessageVocabulary';

export const RELATIONSHIP_STEP_TITLES: Record<RelationshipStep, string> = {
  general: 'General',
  mode: 'Mode settings',
  advanced: 'Advanced',
  summary: 'Summary',
};

export const MODE_LABELS: Record<FailoverMode, string> = { LoadBalance: 'Load balance', HotStandby: 'Hot standby' };

/** A server the relationship could be made with. */
export interface PartnerChoice {
  ref: string;
  name: string;
  relationshipCount: number;
  /** Set when the server cannot be chosen (it is at the limit of relationships). */
  disabledReason?: string;
  /** Set when Micetro reports the server as not OK (e.g. `Service Down`): it can be chosen, but scopes wait for it. */
  warning?: string;
}

/** The relationship being edited, as the wizard needs it. */
export interface ExistingRelationship {
  name: string;
  secondaryServer: string;
  failoverMode: FailoverMode;
  percentage: number;
  mclt: number;
  safePeriod: number;
  /** Message authentication; undefined when Micetro does not say (a real Micetro never does). */
  enableAuth?: boolean;
}

/** What the host tells the wizard when it opens. */
export interface RelationshipWizardSetup {
  kind: 'add' | 'edit';
  primary: { ref: string; name: string };
  /** Add: every Microsoft DHCP server other than the primary. Edit: unused (the partner is fixed). */
  partners: PartnerChoice[];
  /** Names of the relationships each server (by name) takes part in, for the uniqueness and limit rules. */
  relationshipNames: Record<string, string[]>;
  existing?: ExistingRelationship;
}

/** Everything the user typed, except the shared secret. */
export type RelationshipWizardValues = v.InferOutput<typeof relationshipWizardValuesSchema>;

/** The step, the values, the fields touched and a mode change waiting for confirmation. */
export type RelationshipWizardState = v.InferOutput<typeof relationshipWizardStateSchema>;

const RELATIONSHIP_STEP_FIELDS: Record<RelationshipStep, RelationshipWizardField[]> = {
  general: ['name', 'primary', 'partner', 'failoverMode'],
  mode: ['percentage'],
  advanced: ['mclt', 'safePeriod', 'sharedSecret'],
  summary: [],
};

const RULE_FIELDS: Record<RelationshipField, RelationshipWizardField> = {
  name: 'name',
  primaryServer: 'primary',
  secondaryServer: 'partner',
  failoverMode: 'failoverMode',
  percentage: 'percentage',
  mclt: 'mclt',
  safePeriod: 'safePeriod',
};

export function initialRelationshipState(setup: RelationshipWizardSetup): RelationshipWizardState {
  const existing = setup.existing;
  const mode = existing?.failoverMode ?? 'LoadBalance';
  const percentFor = (wanted: FailoverMode) =>
    String(existing && existing.failoverMode === wanted ? existing.percentage : defaultPercentage(wanted));
  const duration = (seconds: number): DurationInput => {
    const { value, unit } = bestUnit(seconds);
    // 0 (switchover off) reads better as "0 minutes" than "0 seconds".
    return { value: String(value), unit: seconds === 0 ? 'minutes' : unit };
  };
  return {
    step: 'general',
    touched: [],
    values: {
      name: existing?.name ?? '',
      partner: existing?.secondaryServer ?? '',
      failoverMode: mode,
      loadBalancePercent: percentFor('LoadBalance'),
      reservePercent: percentFor('HotStandby'),
      mclt: duration(existing?.mclt ?? DEFAULT_MCLT_SECONDS),
      safePeriod: duration(existing?.safePeriod ?? DEFAULT_SAFE_PERIOD_SECONDS),
      // Unknown (real Micetro) reads as on, so an untouched edit keeps whatever secret is set.
      messageAuthentication: existing ? existing.enableAuth !== false : false,
    },
  };
}

/** The percentage field of the chosen mode. */
export function percentageText(values: RelationshipWizardValues): string {
  return values.failoverMode === 'LoadBalance' ? values.loadBalancePercent : values.reservePercent;
}

function draftOf(setup: RelationshipWizardSetup, values: RelationshipWizardValues): RelationshipDraft {
  return {
    name: values.name,
    primaryServer: setup.primary.name,
    secondaryServer: values.partner,
    failoverMode: values.failoverMode,
    percentage: parseWholeNumber(percentageText(values)),
    mclt: durationSeconds(values.mclt),
    safePeriod: durationSeconds(values.safePeriod),
  };
}

/** What keeps the secret as it is on edit: authentication left on and nothing typed. */
function keepsCurrentSecret(setup: RelationshipWizardSetup, values: RelationshipWizardValues, secret: string): boolean {
  return setup.kind === 'edit' && values.messageAuthentication && secret === '' && setup.existing?.enableAuth !== false;
}

/** One message per field that breaks a rule. */
export function relationshipIssues(
  setup: RelationshipWizardSetup,
  values: RelationshipWizardValues,
  secret: string,
): Partial<Record<RelationshipWizardField, string>> {
  const draft = draftOf(setup, values);
  const partnerTypes = new Set(setup.partners.map((partner) => partner.name));
  const ruleIssues =
    setup.kind === 'edit'
      ? validateParameters(draft)
      : validateRelationship(draft, {
          serverType: (server) => (server === setup.primary.name || partnerTypes.has(server) ? 'MSDHCP' : undefined),
          relationshipNames: (server) => setup.relationshipNames[server] ?? [],
        });
  const byField: Partial<Record<RelationshipWizardField, string>> = {};
  for (const [field, message] of Object.entries(messagesByField(ruleIssues)) as Array<[RelationshipField, string]>) {
    byField[RULE_FIELDS[field]] ??= message;
  }
  if (values.messageAuthentication && secret === '' && !keepsCurrentSecret(setup, values, secret)) {
    byField.sharedSecret = 'Enter the shared secret both servers use to authenticate their messages, or turn message authentication off.';
  }
  return byField;
}

export function isStepValid(
  setup: RelationshipWizardSetup,
  state: RelationshipWizardState,
  secret: string,
  step: RelationshipStep = state.step,
): boolean {
  const issues = relationshipIssues(setup, state.values, secret);
  return RELATIONSHIP_STEP_FIELDS[step].every((field) => issues[field] === undefined) && (step !== 'general' || !state.pendingMode);
}

/** Why `step` cannot go on yet (every field, touched or not), for the line beside a disabled Next / Add. */
export function stepBlockers(
  setup: RelationshipWizardSetup,
  state: RelationshipWizardState,
  secret: string,
  step: RelationshipStep = state.step,
): string[] {
  // The summary sends, so it is blocked by whatever blocks any step.
  const steps = step === 'summary' ? RELATIONSHIP_STEPS : [step];
  const issues = relationshipIssues(setup, state.values, secret);
  const messages = steps.flatMap((each) => RELATIONSHIP_STEP_FIELDS[each].map((field) => issues[field]));
  if (state.pendingMode && steps.includes('general')) messages.push('Answer the question about changing the mode.');
  return [...new Set(messages.filter((message): message is string => message !== undefined))];
}

/** Every step up to the summary is valid, so Add / Save can send. */
export function isReadyToSend(setup: RelationshipWizardSetup, state: RelationshipWizardState, secret: string): boolean {
  return RELATIONSHIP_STEPS.every((step) => isStepValid(setup, state, secret, step));
}

/** Records what the user changed; the changed fields now show their messages. */
export function updateValues(state: RelationshipWizardState, patch: Partial<RelationshipWizardValues>): RelationshipWizardState {
  const changed = (Object.keys(patch) as Array<keyof RelationshipWizardValues>).map((key): RelationshipWizardField => {
    if (key === 'loadBalancePercent' || key === 'reservePercent') return 'percentage';
    if (key === 'messageAuthentication') return 'sharedSecret';
    return key;
  });
  return { ...state, values: { ...state.values, ...patch }, touched: [...new Set([...state.touched, ...changed])] };
}

/** Marks a field as visited without changing it (the secret, which lives outside the state). */
export function touch(state: RelationshipWizardState, field: RelationshipWizardField): RelationshipWizardState {
  return state.touched.includes(field) ? state : { ...state, touched: [...state.touched, field] };
}

/** Picks a mode; on edit, moving away from the relationship's mode first waits for confirmation. */
export function chooseMode(setup: RelationshipWizardSetup, state: RelationshipWizardState, mode: FailoverMode): RelationshipWizardState {
  if (setup.kind === 'edit' && setup.existing && mode !== setup.existing.failoverMode) {
    return mode === state.values.failoverMode ? state : { ...state, pendingMode: mode };
  }
  return { ...updateValues(state, { failoverMode: mode }), pendingMode: undefined };
}

export function answerModeChange(state: RelationshipWizardState, confirmed: boolean): RelationshipWizardState {
  if (!state.pendingMode) return state;
  const answered = { ...state, pendingMode: undefined };
  return confirmed ? updateValues(answered, { failoverMode: state.pendingMode }) : answered;
}

/** Next, when the current step is valid. */
export function nextStep(setup: RelationshipWizardSetup, state: RelationshipWizardState, secret: string): RelationshipWizardState {
  const index = RELATIONSHIP_STEPS.indexOf(state.step);
  if (index === RELATIONSHIP_STEPS.length - 1 || !isStepValid(setup, state, secret)) return state;
  return { ...state, step: RELATIONSHIP_STEPS[index + 1] };
}

export function previousStep(state: RelationshipWizardState): RelationshipWizardState {
  const index = RELATIONSHIP_STEPS.indexOf(state.step);
  return index === 0 ? state : { ...state, step: RELATIONSHIP_STEPS[index - 1] };
}

/**
 * The relationship exactly as Add or Modify sends it; undefined while a step is invalid. `scopeRefs`: on Edit the
 * primary's scope refs as Micetro reports them just before Modify (sent back unchanged), on Add none.
 */
export function relationshipToSend(
  setup: RelationshipWizardSetup,
  state: RelationshipWizardState,
  secret: string,
  scopeRefs: readonly string[],
): DHCPFailoverRelationship | undefined {
  if (!isReadyToSend(setup, state, secret)) return undefined;
  const draft = draftOf(setup, state.values);
  const relationship: DHCPFailoverRelationship = {
    name: draft.name,
    primaryServer: draft.primaryServer,
    secondaryServer: draft.secondaryServer,
    failoverMode: state.values.failoverMode,
    failoverServerType: 'PrimaryServer',
    mclt: draft.mclt,
    safePeriod: draft.safePeriod,
    dhcpScopeRefs: setup.kind === 'edit' ? [...scopeRefs] : [],
    percentage: draft.percentage,
    dhcpServerRef: setup.primary.ref,
  };
  if (setup.kind === 'edit') {
    // Modify: absent keeps the current secret, '' turns message authentication off.
    if (!state.values.messageAuthentication) relationship.sharedSecret = '';
    else if (secret !== '') relationship.sharedSecret = secret;
  } else if (state.values.messageAuthentication) {
    relationship.sharedSecret = secret;
  }
  return relationship;
}

export interface SummaryRow {
  label: string;
  value: string;
}

function secondsText(seconds: number): string {
  return `${formatDuration(seconds)} (${seconds} s)`;
}

/** Every value as it will be sent, for the summary step. */
export function relationshipSummary(setup: RelationshipWizardSetup, state: RelationshipWizardState, secret: string): SummaryRow[] {
  const values = state.values;
  const draft = draftOf(setup, values);
  const percentage =
    values.failoverMode === 'LoadBalance'
      ? { label: 'Local server share', value: `${draft.percentage} % (partner ${100 - draft.percentage} %)` }
      : { label: 'Addresses reserved for the standby server', value: `${draft.percentage} %` };
  let authentication = 'Off';
  if (values.messageAuthentication) {
    authentication = keepsCurrentSecret(setup, values, secret) ? 'Unchanged (keep the current secret)' : 'On (new shared secret)';
  } else if (setup.kind === 'edit' && setup.existing?.enableAuth !== false) {
    authentication = 'Off (the current secret is removed)';
  }
  const rows: SummaryRow[] = [
    { label: 'Name', value: draft.name },
    { label: 'Primary server', value: draft.primaryServer },
    { label: 'Partner server', value: draft.secondaryServer },
    { label: 'Mode', value: MODE_LABELS[values.failoverMode] },
    percentage,
    { label: 'Maximum client lead time', value: secondsText(draft.mclt) },
    {
      label: 'State switchover interval',
      value: draft.safePeriod === 0 ? 'Off: no automatic switchover to Partner down (0 s)' : secondsText(draft.safePeriod),
    },
    { label: 'Message authentication', value: authentication },
  ];
  if (setup.kind === 'edit' && setup.existing && setup.existing.failoverMode !== values.failoverMode) {
    rows.push({ label: 'Mode change', value: `${MODE_LABELS[setup.existing.failoverMode]} → ${MODE_LABELS[values.failoverMode]}` });
  }
  return rows;
}
