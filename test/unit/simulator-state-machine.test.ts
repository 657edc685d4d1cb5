// Every transition of the failover state machine (reference §3.4, §5.5), driven by events and timers.
import assert from 'node:assert/strict';
import {
  STEP_MS,
  cutLink,
  declarePartnerDown,
  fireTimer,
  newPair,
  nextTimer,
  normalPair,
  restoreLink,
  retime,
  startServer,
  stopServer,
  type FailoverPair,
  type Timing,
} from '../../src/simulator/model/failoverStateMachine';

const T0 = 1_000_000;
const MCLT = 3600;

/** Fires every timer due up to `until`, in order, like the model's scheduler. */
function runUntil(pair: FailoverPair, timing: Timing, until: number): void {
  for (let next = nextTimer(pair); next && next.at <= until; next = nextTimer(pair)) fireTimer(pair, next.side, next.at, timing);
}

const states = (pair: FailoverPair) => pair.endpoints.map((e) => e.state);

describe('failover state machine', () => {
  const timing: Timing = { mclt: MCLT, safePeriod: 0 };

  it('a new relationship goes Startup → Recover → RecoverWait → RecoverDone → Normal, one step each, no MCLT wait', () => {
    const pair = newPair(T0);
    assert.deepEqual(states(pair), ['Startup', 'Startup']);
    const seen: string[] = [];
    for (let step = 1; step <= 4; step++) {
      runUntil(pair, timing, T0 + step * STEP_MS);
      seen.push(states(pair).join('/'));
    }
    assert.deepEqual(seen, ['Recover/Recover', 'RecoverWait/RecoverWait', 'RecoverDone/RecoverDone', 'Normal/Normal']);
    assert.equal(pair.fresh, false);
    assert.equal(nextTimer(pair), null);
  });

  it('Startup without contact goes to CommunicationInterrupted', () => {
    const pair = newPair(T0);
    cutLink(pair, T0, timing);
    runUntil(pair, timing, T0 + STEP_MS);
    assert.deepEqual(states(pair), ['CommunicationInterrupted', 'CommunicationInterrupted']);
  });

  it('link down: Normal → CommunicationInterrupted; link up: back to Normal', () => {
    const pair = normalPair(T0);
    cutLink(pair, T0, timing);
    assert.deepEqual(states(pair), ['CommunicationInterrupted', 'CommunicationInterrupted']);
    restoreLink(pair, T0 + 1000, timing);
    assert.deepEqual(states(pair), ['Normal', 'Normal']);
  });

  it('CommunicationInterrupted → PartnerDown when the switchover interval runs out (safePeriod > 0)', () => {
    const auto: Timing = { mclt: MCLT, safePeriod: 600 };
    const pair = normalPair(T0);
    cutLink(pair, T0, auto);
    runUntil(pair, auto, T0 + 599_000);
    assert.deepEqual(states(pair), ['CommunicationInterrupted', 'CommunicationInterrupted']);
    runUntil(pair, auto, T0 + 600_000);
    assert.deepEqual(states(pair), ['PartnerDown', 'PartnerDown']);
  });

  it('stays CommunicationInterrupted with safePeriod 0 (automatic switchover off)', () => {
    const pair = normalPair(T0);
    cutLink(pair, T0, timing);
    assert.equal(nextTimer(pair), null);
  });

  it('an admin partner-down moves CommunicationInterrupted → PartnerDown, and only from there', () => {
    const pair = normalPair(T0);
    assert.equal(declarePartnerDown(pair, 0, T0, timing), false);
    cutLink(pair, T0, timing);
    assert.equal(declarePartnerDown(pair, 0, T0, timing), true);
    assert.deepEqual(states(pair), ['PartnerDown', 'CommunicationInterrupted']);
  });

  it('a stopped server freezes its endpoint; the partner goes CommunicationInterrupted', () => {
    const pair = normalPair(T0);
    stopServer(pair, 1, T0, timing);
    assert.deepEqual(states(pair), ['CommunicationInterrupted', 'Normal']);
    assert.equal(pair.endpoints[1].running, false);
  });

  it('a server back while its partner was only interrupted: both Normal after Startup', () => {
    const pair = normalPair(T0);
    stopServer(pair, 1, T0, timing);
    startServer(pair, 1, T0 + 10_000, timing);
    assert.deepEqual(states(pair), ['CommunicationInterrupted', 'Startup']);
    runUntil(pair, timing, T0 + 10_000 + STEP_MS);
    assert.deepEqual(states(pair), ['Normal', 'Normal']);
  });

  it('the returning server after PartnerDown: Recover → RecoverWait (MCLT) → RecoverDone → both Normal', () => {
    const pair = normalPair(T0);
    stopServer(pair, 1, T0, timing);
    declarePartnerDown(pair, 0, T0 + 1000, timing);
    const back = T0 + 60_000; // down one minute, less than MCLT
    startServer(pair, 1, back, timing);
    runUntil(pair, timing, back + STEP_MS);
    assert.deepEqual(states(pair), ['PartnerDown', 'Recover']);
    runUntil(pair, timing, back + 2 * STEP_MS);
    assert.deepEqual(states(pair), ['PartnerDown', 'RecoverWait']);
    runUntil(pair, timing, back + 2 * STEP_MS + MCLT * 1000 - 1);
    assert.deepEqual(states(pair), ['PartnerDown', 'RecoverWait'], 'waits MCLT');
    runUntil(pair, timing, back + 2 * STEP_MS + MCLT * 1000);
    assert.deepEqual(states(pair), ['PartnerDown', 'RecoverDone']);
    runUntil(pair, timing, back + 3 * STEP_MS + MCLT * 1000);
    assert.deepEqual(states(pair), ['Normal', 'Normal']);
  });

  it('skips the MCLT wait when the server was down longer than MCLT', () => {
    const pair = normalPair(T0);
    stopServer(pair, 1, T0, timing);
    declarePartnerDown(pair, 0, T0, timing);
    const back = T0 + (MCLT + 1) * 1000;
    startServer(pair, 1, back, timing);
    runUntil(pair, timing, back + 4 * STEP_MS);
    assert.deepEqual(states(pair), ['Normal', 'Normal']);
  });

  it('partner-down while the other was only out of contact: PotentialConflict → ConflictDone (secondary first) → Normal', () => {
    const pair = normalPair(T0);
    cutLink(pair, T0, timing);
    declarePartnerDown(pair, 0, T0, timing);
    restoreLink(pair, T0 + 1000, timing);
    assert.deepEqual(states(pair), ['PotentialConflict', 'PotentialConflict']);
    runUntil(pair, timing, T0 + 1000 + STEP_MS);
    assert.deepEqual(states(pair), ['PotentialConflict', 'ConflictDone']);
    runUntil(pair, timing, T0 + 1000 + 2 * STEP_MS);
    assert.deepEqual(states(pair), ['Normal', 'Normal']);
  });

  it('link down during PotentialConflict → ResolutionInterrupted; link up → PotentialConflict', () => {
    const pair = normalPair(T0);
    cutLink(pair, T0, timing);
    declarePartnerDown(pair, 1, T0, timing);
    restoreLink(pair, T0 + 1000, timing);
    cutLink(pair, T0 + 2000, timing);
    assert.deepEqual(states(pair), ['ResolutionInterrupted', 'ResolutionInterrupted']);
    restoreLink(pair, T0 + 3000, timing);
    assert.deepEqual(states(pair), ['PotentialConflict', 'PotentialConflict']);
  });

  it('recovery pauses while the link is cut and resumes when it is back', () => {
    const pair = newPair(T0);
    runUntil(pair, timing, T0 + STEP_MS);
    cutLink(pair, T0 + STEP_MS, timing);
    assert.deepEqual(states(pair), ['Recover', 'Recover']);
    assert.equal(nextTimer(pair), null);
    restoreLink(pair, T0 + 100_000, timing);
    runUntil(pair, timing, T0 + 100_000 + 3 * STEP_MS);
    assert.deepEqual(states(pair), ['Normal', 'Normal']);
  });

  it('retime: a new switchover interval applies to an interrupted endpoint from when it was interrupted', () => {
    const pair = normalPair(T0);
    cutLink(pair, T0, timing);
    retime(pair, { mclt: MCLT, safePeriod: 60 });
    assert.deepEqual(nextTimer(pair), { side: 0, at: T0 + 60_000 });
  });
});
