// What the wizard pages may send their hosts, as valibot schemas: the one definition of each message and of the
// values inside it. The TypeScript types are inferred from these (messages.ts, relationshipWizard.ts,
// createScopeForm.ts, numberInput.ts), so the check at the boundary and the types cannot drift apart. Every string
// and list has a limit, so a huge or odd message is refused before it does any work. Only the hosts import this
// file: the pages use the inferred types, and valibot stays out of the webview bundles.
import * as v from 'valibot';
import { DURATION_UNITS, FAILOVER_MODES } from '../failover';
import { MAX_PAGE_ERROR_LENGTH, RELATIONSHIP_STEPS, RELATIONSHIP_WIZARD_FIELDS } from './pageMessageVocabulary';

/** Far more than anything typed into these forms needs (the rules stop names at 126 or 255 characters). */
const MAX_TYPED_LENGTH = 1000;
/** Far more than any Micetro ref (`DHCPServers/12`, `DHCPScopes/{guid}`). */
const MAX_REF_LENGTH = 200;
/** More exclusion ranges than anyone adds to one scope by hand. */
const MAX_EXCLUSIONS = 256;

const typed = v.pipe(v.string(), v.maxLength(MAX_TYPED_LENGTH));
const ref = v.pipe(v.string(), v.maxLength(MAX_REF_LENGTH));

/** The page failed to handle something; the host logs it. */
const pageError = v.object({ t: v.literal('pageError'), message: v.pipe(v.string(), v.maxLength(MAX_PAGE_ERROR_LENGTH)) });

/** The page is loaded and listening (sent again after a reload, and by Retry after a failed load). */
const ready = v.object({ t: v.literal('ready') });
const cancel = v.object({ t: v.literal('cancel') });

// ---- Add / Edit Failover Relationship ----------------------------------------------------------------------

export const durationInputSchema = v.object({ value: typed, unit: v.picklist(DURATION_UNITS) });

export const relationshipWizardValuesSchema = v.object({
  name: typed,
  /** The partner server's name. */
  partner: typed,
  failoverMode: v.picklist(FAILOVER_MODES),
  /** Kept per mode so switching back and forth loses nothing. */
  loadBalancePercent: typed,
  reservePercent: typed,
  mclt: durationInputSchema,
  safePeriod: durationInputSchema,
  messageAuthentication: v.boolean(),
});

export const relationshipWizardStateSchema = v.object({
  step: v.picklist(RELATIONSHIP_STEPS),
  values: relationshipWizardValuesSchema,
  /** Fields the user has changed; their messages show as they type. */
  touched: v.pipe(v.array(v.picklist(RELATIONSHIP_WIZARD_FIELDS)), v.maxLength(RELATIONSHIP_WIZARD_FIELDS.length)),
  /** Edit: a new mode waiting for the user's confirmation (Windows asks before changing the mode). */
  pendingMode: v.optional(v.picklist(FAILOVER_MODES)),
});

export const relationshipWizardFromWebviewSchema = v.variant('t', [
  ready,
  /** The secret travels only here, never in the persisted state. */
  v.object({ t: v.literal('submit'), state: relationshipWizardStateSchema, sharedSecret: typed }),
  cancel,
  pageError,
]);

// ---- Create Scope --------------------------------------------------------------------------------------------

export const createScopeValuesSchema = v.object({
  serverRef: ref,
  /** The network in CIDR form; sent as the scope's range. */
  network: typed,
  /** The scope's free-text name; '' = named by its network. */
  name: typed,
  /** The longer text shown with the scope. */
  description: typed,
  poolFrom: typed,
  poolTo: typed,
  exclusions: v.pipe(v.array(v.object({ from: typed, to: typed })), v.maxLength(MAX_EXCLUSIONS)),
  /** '' = not in a failover relationship. */
  relationshipName: typed,
  /** Create the network's IPAM range when Micetro has none (a scope lives in an existing range). */
  createRange: v.optional(v.boolean(), false),
});

export const createScopeFromWebviewSchema = v.variant('t', [
  ready,
  v.object({ t: v.literal('loadServer'), serverRef: ref }),
  v.object({ t: v.literal('submit'), values: createScopeValuesSchema }),
  /** Runs the steps still missing after a partial creation (the host knows which scope and steps). */
  v.object({ t: v.literal('finish') }),
  /** Deletes what a partial creation made (the scope, and the range if the form created it). */
  v.object({ t: v.literal('undo') }),
  cancel,
  pageError,
]);
