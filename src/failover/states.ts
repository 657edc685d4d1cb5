// Failover states (Windows FSM_STATE in PascalCase, reference §3.4 / §5.5) and how each reads as health.

export const FAILOVER_STATES = [
  'Init',
  'NoState',
  'Startup',
  'Normal',
  'CommunicationInterrupted',
  'PartnerDown',
  'PotentialConflict',
  'ConflictDone',
  'ResolutionInterrupted',
  'Recover',
  'RecoverWait',
  'RecoverDone',
  'Paused',
  'Shutdown',
] as const;

export type FailoverState = (typeof FAILOVER_STATES)[number];
/** `Empty`: the relationship exists only in Micetro, with no scope yet (not created on the servers). */
export type RelationshipState = FailoverState | 'Empty';

/** `unknown`: Micetro reported no state, so nothing is known about the relationship's health. */
export type Health = 'ok' | 'warning' | 'error' | 'pending' | 'empty' | 'unknown';

const HEALTH: Record<RelationshipState, Health> = {
  Empty: 'empty',
  Normal: 'ok',
  Init: 'pending',
  NoState: 'pending',
  Startup: 'pending',
  Recover: 'pending',
  RecoverWait: 'pending',
  RecoverDone: 'pending',
  PotentialConflict: 'warning',
  ConflictDone: 'pending',
  CommunicationInterrupted: 'warning',
  ResolutionInterrupted: 'warning',
  Paused: 'warning',
  PartnerDown: 'error',
  Shutdown: 'error',
};

const LABELS: Record<RelationshipState, string> = {
  Empty: 'Empty',
  Normal: 'Normal',
  Init: 'Initializing',
  NoState: 'No state',
  Startup: 'Starting up',
  Recover: 'Recovering',
  RecoverWait: 'Recover wait',
  RecoverDone: 'Recover done',
  PotentialConflict: 'Potential conflict',
  ConflictDone: 'Conflict done',
  CommunicationInterrupted: 'Communication interrupted',
  ResolutionInterrupted: 'Resolution interrupted',
  Paused: 'Paused',
  PartnerDown: 'Partner down',
  Shutdown: 'Shut down',
};

function isRelationshipState(value: unknown): value is RelationshipState {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(HEALTH, value);
}

/** Health of a state; a missing state (a real Micetro may send none) is unknown, never ok, once scopes exist. */
export function healthOf(state: string | undefined, scopeCount: number): Health {
  if (state === undefined) return scopeCount === 0 ? 'empty' : 'unknown';
  return isRelationshipState(state) ? HEALTH[state] : 'warning';
}

/** Said where a relationship with scopes has no state: a real Micetro may not report one. */
const STATE_NOT_REPORTED = 'state not reported by Micetro';

/** A person-readable state; with no state reported, "Empty" when it has no scopes (that much is known). */
export function stateLabel(state: string | undefined, scopeCount: number): string {
  if (state === undefined) return scopeCount === 0 ? 'Empty' : STATE_NOT_REPORTED;
  return isRelationshipState(state) ? LABELS[state] : state;
}

/** States in which the partners are (re)synchronising: scope changes wait (MS-DHCPM §3.2.4.95). */
const SYNCHRONISING: ReadonlySet<string> = new Set<FailoverState>(['Startup', 'Recover', 'RecoverWait', 'RecoverDone', 'PotentialConflict', 'ConflictDone']);

export function isSynchronising(state: string | undefined): boolean {
  return state !== undefined && SYNCHRONISING.has(state);
}

/** Scopes can join while the relationship is Normal or Empty; with no state reported (a real Micetro), Micetro decides. */
export function canTakeScopes(state: string | undefined): boolean {
  return state === undefined || state === 'Normal' || state === 'Empty';
}
