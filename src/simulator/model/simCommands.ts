// Simulator-only control commands (`Sim` prefix) that produce every failover state on demand: stop and
// start a DHCP service, cut and restore the link of a relationship, declare the partner down, move the clock,
// and drift: change one server's copy of a failover scope only.
import { addExclusion } from './ipamCommands';
import { type ModelContext, isRunning } from './modelContext';
import { cutLink, declarePartnerDown, restoreLink, startServer, stopServer, type FailoverPair } from './failoverStateMachine';
import { relationshipParam, scopeParam, serverParam } from './lookups';
import { isRecord, optionalNumber, requireString, type Params } from './params';
import type { RelationshipRecord, ServerRecord } from './records';
import { scopeRef } from './refs';
import { addReservation, setScopeOptions } from './scopeResources';
import { scopeDetail, type SimScopeDetail } from './wire';
import { invalidParameter } from './windowsErrors';

/** The longest single clock jump: ten years. */
const MAX_ADVANCE_SECONDS = 10 * 365 * 86400;

export interface SimClockResult {
  /** Simulated time, ms since the epoch. */
  now: number;
  /** The same time as ISO 8601. */
  time: string;
}

export const clockResult = (now: number): SimClockResult => ({ now, time: new Date(now).toISOString() });

/** A relationship created on the servers (an Empty one has no endpoints to act on). */
function liveRelationship(ctx: ModelContext, params: Params): { server: ServerRecord; rel: RelationshipRecord; fsm: FailoverPair } {
  const { server, rel } = relationshipParam(ctx, params);
  if (!rel.fsm) throw invalidParameter(`Relationship "${rel.name}" is Empty: it exists only in Micetro, not on the servers, so it has no link.`);
  return { server, rel, fsm: rel.fsm };
}

export function stopDhcpServer(ctx: ModelContext, params: Params): Record<string, never> {
  const server = serverParam(ctx, params);
  if (!isRunning(server)) throw invalidParameter(`The DHCP service on ${server.name} is already ${server.state}.`);
  server.state = 'Service Down';
  onEachEndpoint(ctx, server.id, stopServer);
  return {};
}

export function startDhcpServer(ctx: ModelContext, params: Params): Record<string, never> {
  const server = serverParam(ctx, params);
  if (isRunning(server)) throw invalidParameter(`The DHCP service on ${server.name} is already running (${server.state}).`);
  server.state = 'OK';
  onEachEndpoint(ctx, server.id, startServer);
  return {};
}

/** Applies a server-wide event to that server's endpoint of each relationship created on the servers. */
function onEachEndpoint(ctx: ModelContext, serverId: number, event: typeof stopServer): void {
  for (const rel of ctx.inventory.relationshipsOf(serverId)) {
    if (!rel.fsm) continue;
    event(rel.fsm, ctx.inventory.sideOf(rel, serverId), ctx.now(), rel);
    ctx.scheduler.track(rel);
  }
}

export function cutRelationshipLink(ctx: ModelContext, params: Params): Record<string, never> {
  const { rel, fsm } = liveRelationship(ctx, params);
  if (fsm.linkCut) throw invalidParameter(`The link of "${rel.name}" is already cut.`);
  cutLink(fsm, ctx.now(), rel);
  ctx.scheduler.track(rel);
  return {};
}

export function restoreRelationshipLink(ctx: ModelContext, params: Params): Record<string, never> {
  const { rel, fsm } = liveRelationship(ctx, params);
  if (!fsm.linkCut) throw invalidParameter(`The link of "${rel.name}" is not cut.`);
  restoreLink(fsm, ctx.now(), rel);
  ctx.scheduler.track(rel);
  return {};
}

export function setPartnerDown(ctx: ModelContext, params: Params): Record<string, never> {
  const { server, rel, fsm } = liveRelationship(ctx, params);
  const side = ctx.inventory.sideOf(rel, server.id);
  if (!declarePartnerDown(fsm, side, ctx.now(), rel)) {
    const state = fsm.endpoints[side].running ? fsm.endpoints[side].state : `stopped (${server.state})`;
    throw invalidParameter(
      `${server.name} can declare its partner down in "${rel.name}" only from CommunicationInterrupted; it is ${state}.`,
    );
  }
  ctx.scheduler.track(rel);
  return {};
}

/** Validates the jump; the model moves the clock and runs the transitions due on the way. */
export function advanceSeconds(params: Params): number {
  const seconds = optionalNumber(params, 'seconds');
  if (seconds === undefined || seconds <= 0 || seconds > MAX_ADVANCE_SECONDS) {
    throw invalidParameter(`Parameter seconds must be a number of seconds above 0 and at most ${MAX_ADVANCE_SECONDS}.`);
  }
  return seconds;
}

export function getScopeDetail(ctx: ModelContext, params: Params): { dhcpScope: SimScopeDetail } {
  const scope = scopeParam(ctx, params);
  return { dhcpScope: scopeDetail(ctx.inventory, scope) };
}

export function setLeases(ctx: ModelContext, params: Params): Record<string, never> {
  const scope = scopeParam(ctx, params);
  const leases = optionalNumber(params, 'activeLeases');
  if (leases === undefined || !Number.isInteger(leases) || leases < 0 || leases > 16_777_216) {
    throw invalidParameter('Parameter activeLeases must be a whole number of 0 or more.');
  }
  scope.activeLeases = leases;
  return {};
}

/**
 * `SimGetFailoverState {dhcpServerRef, dhcpFailoverRelationshipName}`: the Windows state of that server's endpoint
 * (`Empty` before the first scope), in every profile, so tests can watch the state machine where relationships carry
 * no `state` (quirk `no-state`).
 */
export function getFailoverState(ctx: ModelContext, params: Params): { state: string } {
  const { server, rel } = relationshipParam(ctx, params);
  return { state: rel.fsm ? rel.fsm.endpoints[ctx.inventory.sideOf(rel, server.id)].state : 'Empty' };
}

/** The changes SimChangeScopeCopy can make, each through the scope command a Micetro user would run. */
const COPY_CHANGES = ['addReservation', 'setOption', 'addExclusion'] as const;

/**
 * `SimChangeScopeCopy {dhcpScopeRef, dhcpServerRef?, addReservation?, setOption?, addExclusion?}`: changes this one
 * instance only (its partner's copy keeps what it had), so users and tests can make a failover scope drift on demand.
 * All or nothing: a change that fails leaves the instance as it was.
 */
export function changeScopeCopy(ctx: ModelContext, params: Params): Record<string, never> {
  const scope = scopeParam(ctx, params);
  if (!COPY_CHANGES.some((key) => params[key] !== undefined)) throw invalidParameter(`Give at least one of ${COPY_CHANGES.join(', ')}.`);
  const ref = scopeRef(scope.id);
  const before = { reservations: scope.reservations, exclusions: scope.exclusions, options: scope.options };
  scope.reservations = [...scope.reservations];
  scope.exclusions = [...scope.exclusions];
  try {
    if (params.addReservation !== undefined) addReservation(ctx, ref, params.addReservation);
    if (params.setOption !== undefined) setScopeOptions(ctx, ref, withOption(scope.options, params.setOption));
    if (params.addExclusion !== undefined) {
      if (!isRecord(params.addExclusion)) throw invalidParameter('addExclusion must be {"from", "to"}.');
      addExclusion(ctx, { dhcpExclusion: { from: params.addExclusion.from, to: params.addExclusion.to, dhcpScopeRef: ref } });
    }
  } catch (error) {
    Object.assign(scope, before);
    throw error;
  }
  return {};
}

/** The options with `change` set: it replaces the option of the same code (`3` and `003` are one code), or is added. */
function withOption(options: readonly { option: string; value: string }[], change: unknown): Array<{ option: string; value: string }> {
  if (!isRecord(change)) throw invalidParameter('setOption must be {"option": "<id>", "value": "<text>"}.');
  const option = requireString(change, 'option', 'the option id, e.g. 6');
  const value = requireString(change, 'value', 'the option value, e.g. 10.0.0.53');
  const same = (other: string) => other.trim() === option.trim() || (Number(other) === Number(option) && !Number.isNaN(Number(option)));
  return [...options.filter((existing) => !same(existing.option)), { option, value }];
}
