// The messages between the wizard webviews and their panel hosts, one union per direction and panel, tagged by `t`.
// Both sides import these types, so a renamed field breaks the build instead of the page.
import type { CreateScopeSetup, CreateScopeState, CreateScopeValues, ScopeServerContext } from './createScopeForm';
import type { RelationshipWizardSetup, RelationshipWizardState } from './relationshipWizard';

// ---- Add / Edit Failover Relationship ----------------------------------------------------------------------

export type RelationshipWizardToWebview =
  | { t: 'init'; setup: RelationshipWizardSetup }
  /** The servers or relationships could not be read, so the wizard cannot start. */
  | { t: 'loadFailed'; message: string }
  /** Micetro refused the change; the wizard stays on the summary with every value. */
  | { t: 'saveFailed'; message: string };

export type RelationshipWizardFromWebview =
  /** The page is loaded and listening (sent again after a reload, and by Retry after a failed load). */
  | { t: 'ready' }
  /** The secret travels only here, never in the persisted state. */
  | { t: 'submit'; state: RelationshipWizardState; sharedSecret: string }
  | { t: 'cancel' };

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

/** The scope was created but adding it to the relationship failed. */
export interface PartialScopeCreation {
  scopeRef: string;
  scopeName: string;
  dhcpServerRef: string;
  relationshipName: string;
  message: string;
}

export type CreateScopeToWebview =
  | { t: 'init'; setup: CreateScopeSetup }
  | { t: 'loadFailed'; message: string }
  | { t: 'serverContext'; context: ScopeServerContext }
  | { t: 'serverLoadFailed'; serverRef: string; message: string }
  /** Micetro refused the scope; nothing was created. */
  | { t: 'createFailed'; message: string }
  | ({ t: 'addToRelationshipFailed' } & PartialScopeCreation);

export type CreateScopeFromWebview =
  /** As for the wizard; the answer is `init`, then the last failure again if there was one. */
  | { t: 'ready' }
  | { t: 'loadServer'; serverRef: string }
  | { t: 'submit'; values: CreateScopeValues }
  | ({ t: 'retryAdd' } & Omit<PartialScopeCreation, 'message'>)
  | { t: 'cancel' };

export interface CreateScopePageState {
  key: string;
  form: CreateScopeState;
  error?: string;
  partial?: PartialScopeCreation;
}
