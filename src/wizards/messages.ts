// The messages between the wizard webviews and their panel hosts, one union per direction and panel, tagged by `t`.
// Both sides import these types, so a renamed field breaks the build instead of the page. What a page sends is
// checked by the host: those unions are inferred from the schemas in pageMessageSchemas.ts.
import type * as v from 'valibot';
import type { CreateScopeSetup, CreateScopeState, ScopeServerContext } from './createScopeForm';
import type { createScopeFromWebviewSchema, relationshipWizardFromWebviewSchema } from './pageMessageSchemas';
import type { RelationshipWizardSetup, RelationshipWizardState } from './relationshipWizard';

/** The host refused a message or failed while handling it; the page shows the message as text at the top. */
export interface HostErrorMessage {
  t: 'hostError';
  message: string;
}

// ---- Add / Edit Failover Relationship ----------------------------------------------------------------------

export type RelationshipWizardToWebview =
  | { t: 'init'; setup: RelationshipWizardSetup }
  /** The servers or relationships could not be read, so the wizard cannot start. */
  | { t: 'loadFailed'; message: string }
  /** Micetro refused the change; the wizard stays on the summary with every value. */
  | { t: 'saveFailed'; message: string }
  | HostErrorMessage;

export type RelationshipWizardFromWebview = v.InferOutput<typeof relationshipWizardFromWebviewSchema>;

/** What the page keeps with `setState`: never the shared secret. */
export interface RelationshipWizardPageState {
  /** Which wizard the draft belongs to, so a draft is never applied to another relationship. */
  key: string;
  wizard: RelationshipWizardState;
  saveError?: string;
  /** A secret was typed before; after a reload it is gone and must be entered again. */
  secretEntered: boolean;
}

// ---- Create Scope --------------------------------------------------------------------------------------------

/** The scope was created but a later step (its pool, an exclusion, the relationship) failed. */
export interface PartialScopeCreation {
  scopeRef: string;
  scopeName: string;
  dhcpServerRef: string;
  relationshipName: string;
  /** Exactly what exists and what is missing, e.g. "Scope 10.1.20.0/24 was created on dhcp-a without its pool." */
  summary: string;
  message: string;
}

export type CreateScopeToWebview =
  | { t: 'init'; setup: CreateScopeSetup }
  | { t: 'loadFailed'; message: string }
  | { t: 'serverContext'; context: ScopeServerContext }
  | { t: 'serverLoadFailed'; serverRef: string; message: string }
  /** Micetro refused the scope; nothing was created. */
  | { t: 'createFailed'; message: string }
  | ({ t: 'partlyCreated' } & PartialScopeCreation)
  | HostErrorMessage;

/** As for the wizard; the answer to `ready` is `init`, then the last failure again if there was one. */
export type CreateScopeFromWebview = v.InferOutput<typeof createScopeFromWebviewSchema>;

export interface CreateScopePageState {
  key: string;
  form: CreateScopeState;
  error?: string;
  partial?: PartialScopeCreation;
}
