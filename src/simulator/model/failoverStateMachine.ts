// The Windows DHCP failover state machine of one relationship (reference §3.4, §5.5): one endpoint per
// server, moved by contact events (link cut/restored, a server stopped/started, an admin "partner down")
// and by timers. It knows nothing of the model: the model feeds it events and asks for due timers.
import type { FailoverState } from '../../failover';

/** Simulated time one protocol step takes (startup probe, lease sync, conflict resolution). */
export const STEP_MS = 5_000;

/** 0 = the primary server's endpoint, 1 = the secondary's. */
export type Side = 0 | 1;

export interface Endpoint {
  state: FailoverState;
  /** When the endpoint entered `state` (simulated ms). */
  since: number;
  /** When the endpoint's next transition is due, or null when it waits for an event. */
  timerAt: number | null;
  /** False while the endpoint's DHCP server is stopped; a stopped endpoint keeps its state and does nothing. */
  running: boolean;
  /** The state when the server last stopped; Startup returns to it (MS-DHCPF §3.1.3). */
  prevState: FailoverState;
  /** When the server last stopped, or null. */
  stoppedAt: number | null;
  /** Recovering after a downtime longer than MCLT, so RecoverWait need not wait MCLT. */
  skipMcltWait: boolean;
}

export interface FailoverPair {
  endpoints: [Endpoint, Endpoint];
  /** The network between the two servers is cut (simulator control). */
  linkCut: boolean;
  /** A brand-new relationship: nothing to reconcile, so no MCLT wait while it starts. */
  fresh: boolean;
}

/** Seconds, as the relationship holds them. */
export interface Timing {
  mclt: number;
  safePeriod: number;
}

/** Contact lost (link cut or the partner stopped). States not listed keep waiting; their timers pause. */
const ON_CONTACT_LOST: Partial<Record<FailoverState, FailoverState>> = {
  Normal: 'CommunicationInterrupted',
  PotentialConflict: 'ResolutionInterrupted',
  ConflictDone: 'ResolutionInterrupted',
};

/** Contact back: the next state by this endpoint's state and then the partner's. */
const ON_CONTACT_RESTORED: Partial<Record<FailoverState, Partial<Record<FailoverState, FailoverState>>>> = {
  CommunicationInterrupted: {
    Normal: 'Normal',
    CommunicationInterrupted: 'Normal',
    PartnerDown: 'PotentialConflict',
    ResolutionInterrupted: 'PotentialConflict',
  },
  ResolutionInterrupted: {
    CommunicationInterrupted: 'PotentialConflict',
    ResolutionInterrupted: 'PotentialConflict',
    PartnerDown: 'PotentialConflict',
  },
  // The partner was only out of contact, not down: both reconcile (ISC: partner-down → potential-conflict).
  PartnerDown: {
    CommunicationInterrupted: 'PotentialConflict',
    ResolutionInterrupted: 'PotentialConflict',
    PartnerDown: 'PotentialConflict',
  },
};

/** States whose timers only run while the partners talk (they exchange updates). */
const NEEDS_CONTACT: ReadonlySet<FailoverState> = new Set(['Recover', 'RecoverWait', 'RecoverDone', 'PotentialConflict', 'ConflictDone']);
const RECOVERING: ReadonlySet<FailoverState> = new Set(['Recover', 'RecoverWait', 'RecoverDone']);

function endpoint(state: FailoverState, now: number, running: boolean, timerAt: number | null): Endpoint {
  return { state, since: now, timerAt, running, prevState: state, stoppedAt: null, skipMcltWait: false };
}

/** A relationship just created on both servers (its first scope added): both endpoints probe in Startup. */
export function newPair(now: number, running: [boolean, boolean] = [true, true]): FailoverPair {
  return {
    endpoints: [
      endpoint('Startup', now, running[0], running[0] ? now + STEP_MS : null),
      endpoint('Startup', now, running[1], running[1] ? now + STEP_MS : null),
    ],
    linkCut: false,
    fresh: true,
  };
}

/** A relationship already settled in Normal (inventories). */
export function normalPair(now: number): FailoverPair {
  return { endpoints: [endpoint('Normal', now, true, null), endpoint('Normal', now, true, null)], linkCut: false, fresh: false };
}

function inContact(pair: FailoverPair): boolean {
  return !pair.linkCut && pair.endpoints[0].running && pair.endpoints[1].running;
}

const other = (side: Side): Side => (side === 0 ? 1 : 0);

function enter(pair: FailoverPair, side: Side, state: FailoverState, now: number, timing: Timing): void {
  const ep = pair.endpoints[side];
  ep.state = state;
  ep.since = now;
  ep.timerAt = timerFor(pair, side, now, timing);
}

/** The timer an endpoint runs in its current state, counted from `from`. */
function timerFor(pair: FailoverPair, side: Side, from: number, timing: Timing): number | null {
  const ep = pair.endpoints[side];
  if (!ep.running) return null;
  if (NEEDS_CONTACT.has(ep.state) && !inContact(pair)) return null;
  switch (ep.state) {
    case 'Startup':
    case 'Recover':
    case 'RecoverDone':
    case 'ConflictDone':
      return from + STEP_MS;
    case 'RecoverWait':
      return from + (pair.fresh || ep.skipMcltWait ? STEP_MS : timing.mclt * 1000);
    case 'PotentialConflict':
      // The secondary finishes conflict resolution first (FSM_STATE text); the primary follows it.
      return side === 1 ? from + STEP_MS : null;
    case 'CommunicationInterrupted':
      return timing.safePeriod > 0 ? ep.since + timing.safePeriod * 1000 : null;
    default:
      return null;
  }
}

/** The earliest pending timer, primary first on a tie. */
export function nextTimer(pair: FailoverPair): { side: Side; at: number } | null {
  const [a, b] = pair.endpoints;
  if (a.timerAt === null && b.timerAt === null) return null;
  if (b.timerAt === null || (a.timerAt !== null && a.timerAt <= b.timerAt)) return { side: 0, at: a.timerAt as number };
  return { side: 1, at: b.timerAt };
}

function settleFresh(pair: FailoverPair): void {
  if (pair.endpoints[0].state === 'Normal' && pair.endpoints[1].state === 'Normal') {
    pair.fresh = false;
    for (const ep of pair.endpoints) ep.skipMcltWait = false;
  }
}

/** Runs the transition of `side` whose timer is due at `at`. */
export function fireTimer(pair: FailoverPair, side: Side, at: number, timing: Timing): void {
  const me = pair.endpoints[side];
  const partnerSide = other(side);
  const partner = pair.endpoints[partnerSide];
  me.timerAt = null;
  switch (me.state) {
    case 'Startup':
      finishStartup(pair, side, at, timing);
      break;
    case 'Recover':
      enter(pair, side, 'RecoverWait', at, timing);
      break;
    case 'RecoverWait':
      enter(pair, side, 'RecoverDone', at, timing);
      break;
    case 'RecoverDone':
      // Both go Normal once the recovering side is done and its partner is waiting for it.
      if (partner.state === 'RecoverDone' || partner.state === 'PartnerDown' || partner.state === 'Normal') {
        enter(pair, side, 'Normal', at, timing);
        if (partner.state !== 'Normal') enter(pair, partnerSide, 'Normal', at, timing);
        settleFresh(pair);
      }
      break;
    case 'CommunicationInterrupted':
      // The state switchover interval ran out: automatic transition to PartnerDown.
      enter(pair, side, 'PartnerDown', at, timing);
      break;
    case 'PotentialConflict':
      enter(pair, side, 'ConflictDone', at, timing);
      break;
    case 'ConflictDone':
      enter(pair, side, 'Normal', at, timing);
      if (partner.state === 'PotentialConflict') enter(pair, partnerSide, 'Normal', at, timing);
      break;
    default:
      break;
  }
}

function finishStartup(pair: FailoverPair, side: Side, at: number, timing: Timing): void {
  const me = pair.endpoints[side];
  const partner = pair.endpoints[other(side)];
  if (!inContact(pair)) {
    enter(pair, side, me.prevState === 'PartnerDown' ? 'PartnerDown' : 'CommunicationInterrupted', at, timing);
    return;
  }
  if (pair.fresh || partner.state === 'PartnerDown' || RECOVERING.has(me.prevState)) {
    // A new relationship, or the returning server after its partner declared it down: RECOVER.
    me.skipMcltWait = me.stoppedAt !== null && at - me.stoppedAt > timing.mclt * 1000;
    enter(pair, side, 'Recover', at, timing);
    return;
  }
  // Back to the state before the stop, seen as out of contact, then reconnect.
  me.state = me.prevState === 'PartnerDown' ? 'PartnerDown' : 'CommunicationInterrupted';
  me.since = at;
  contactRestored(pair, at, timing);
}

function contactLostAt(pair: FailoverPair, side: Side, now: number, timing: Timing): void {
  const ep = pair.endpoints[side];
  if (!ep.running) return;
  const target = ON_CONTACT_LOST[ep.state];
  if (target) enter(pair, side, target, now, timing);
  else if (ep.state !== 'Startup') ep.timerAt = timerFor(pair, side, ep.since, timing);
}

/** Both endpoints react to contact coming back, each by the state of both before the event. */
function contactRestored(pair: FailoverPair, now: number, timing: Timing): void {
  if (!inContact(pair)) return;
  const before = pair.endpoints.map((ep) => ep.state);
  for (const side of [0, 1] as const) {
    const ep = pair.endpoints[side];
    if (ep.state === 'Startup') continue;
    const target = ON_CONTACT_RESTORED[before[side]]?.[before[other(side)]];
    if (target) enter(pair, side, target, now, timing);
    else if (NEEDS_CONTACT.has(ep.state) && ep.timerAt === null) ep.timerAt = timerFor(pair, side, now, timing);
  }
  settleFresh(pair);
}

export function cutLink(pair: FailoverPair, now: number, timing: Timing): void {
  const hadContact = inContact(pair);
  pair.linkCut = true;
  if (!hadContact) return;
  contactLostAt(pair, 0, now, timing);
  contactLostAt(pair, 1, now, timing);
}

export function restoreLink(pair: FailoverPair, now: number, timing: Timing): void {
  pair.linkCut = false;
  contactRestored(pair, now, timing);
}

/** The server of `side` stopped: its endpoint freezes, the partner loses contact. */
export function stopServer(pair: FailoverPair, side: Side, now: number, timing: Timing): void {
  const ep = pair.endpoints[side];
  const hadContact = inContact(pair);
  ep.running = false;
  ep.prevState = ep.state;
  ep.stoppedAt = now;
  ep.timerAt = null;
  if (hadContact) contactLostAt(pair, other(side), now, timing);
}

/** The server of `side` started: its endpoint probes in Startup, then returns or recovers. */
export function startServer(pair: FailoverPair, side: Side, now: number, timing: Timing): void {
  const ep = pair.endpoints[side];
  ep.running = true;
  enter(pair, side, 'Startup', now, timing);
}

/** `Set-DhcpServerv4Failover -PartnerDown`: only from CommunicationInterrupted. */
export function declarePartnerDown(pair: FailoverPair, side: Side, now: number, timing: Timing): boolean {
  const ep = pair.endpoints[side];
  if (!ep.running || ep.state !== 'CommunicationInterrupted') return false;
  enter(pair, side, 'PartnerDown', now, timing);
  return true;
}

/** Recomputes running timers after MCLT or the switchover interval changed. */
export function retime(pair: FailoverPair, timing: Timing): void {
  for (const side of [0, 1] as const) {
    const ep = pair.endpoints[side];
    if (ep.state === 'CommunicationInterrupted') ep.timerAt = timerFor(pair, side, ep.since, timing);
  }
}
