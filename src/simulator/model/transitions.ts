// Runs failover timers lazily: the model calls `runDue` at the start of every call, so time-based
// transitions happen as simulated time passes, each at its own due time and in order.
import { fireTimer, nextTimer } from './failoverStateMachine';
import type { RelationshipRecord } from './records';

export class TransitionScheduler {
  /** Relationships with a pending timer; usually a handful, so a scan is cheap. */
  private readonly pending = new Set<RelationshipRecord>();

  /** Call after any event on the relationship's state machine. */
  track(rel: RelationshipRecord): void {
    if (rel.fsm && nextTimer(rel.fsm)) this.pending.add(rel);
    else this.pending.delete(rel);
  }

  forget(rel: RelationshipRecord): void {
    this.pending.delete(rel);
  }

  /** Fires every timer due at or before `until`, earliest first. */
  runDue(until: number): void {
    for (;;) {
      let earliest: { rel: RelationshipRecord; side: 0 | 1; at: number } | undefined;
      for (const rel of this.pending) {
        const next = rel.fsm ? nextTimer(rel.fsm) : null;
        if (!next) {
          this.pending.delete(rel);
          continue;
        }
        if (next.at <= until && (!earliest || next.at < earliest.at)) earliest = { rel, ...next };
      }
      if (!earliest) return;
      const { rel, side, at } = earliest;
      fireTimer(rel.fsm as NonNullable<RelationshipRecord['fsm']>, side, at, rel);
      this.track(rel);
    }
  }
}
