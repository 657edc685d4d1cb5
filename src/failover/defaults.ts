// Windows DHCP failover defaults and limits (reference §3.1, §3.2, §5.6).

/** Maximum client lead time when none is given: one hour. */
export const DEFAULT_MCLT_SECONDS = 3600;
/** Load balance: share of the local (primary) server. */
const DEFAULT_LOAD_BALANCE_PERCENT = 50;
/** Hot standby: addresses reserved for the standby server. */
const DEFAULT_HOT_STANDBY_RESERVE_PERCENT = 5;
/** State switchover interval; 0 turns automatic switchover to PartnerDown off. */
export const DEFAULT_SAFE_PERIOD_SECONDS = 0;

/** "A single DHCP server can have no more than 31 failover relationships." */
export const MAX_RELATIONSHIPS_PER_SERVER = 31;
/** Relationship names are limited to 126 characters. */
export const MAX_RELATIONSHIP_NAME_LENGTH = 126;
/** MCLT and switchover interval are unsigned 32-bit on the wire. */
export const MAX_SECONDS = 0xffffffff;

export type FailoverMode = 'LoadBalance' | 'HotStandby';
export const FAILOVER_MODES: readonly FailoverMode[] = ['LoadBalance', 'HotStandby'];

/** What happens to the scope instance on the other server when a scope leaves a relationship. */
export type DeconfigureAction = 'None' | 'Disable' | 'Delete';
export const DECONFIGURE_ACTIONS: readonly DeconfigureAction[] = ['None', 'Disable', 'Delete'];

/** The percentage a new relationship of this mode starts with. */
export function defaultPercentage(mode: FailoverMode): number {
  return mode === 'LoadBalance' ? DEFAULT_LOAD_BALANCE_PERCENT : DEFAULT_HOT_STANDBY_RESERVE_PERCENT;
}
