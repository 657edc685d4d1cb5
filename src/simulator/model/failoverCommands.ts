// The Micetro failover commands (reference §2.1, §5.4), with Windows' rules and errors. Every command
// validates everything before it changes anything.
import {
  DECONFIGURE_ACTIONS,
  DEFAULT_MCLT_SECONDS,
  DEFAULT_SAFE_PERIOD_SECONDS,
  FAILOVER_MODES,
  defaultPercentage,
  isSynchronising,
  networksOverlap,
  parseNetwork,
  stateLabel,
  validateParameters,
  validateRelationship,
  type DeconfigureAction,
  type FailoverMode,
  type RelationshipRule,
  type ValidationIssue,
} from '../../failover';
import { MAX_SHARED_SECRET_LENGTH } from './fieldLimits';
import { newPair, retime } from './failoverStateMachine';
import {
  RELATIONSHIP_NAME,
  SCOPE_REF,
  SERVER_REF,
  relationshipNamed,
  relationshipOn,
  relationshipParam,
  scopeOnServer,
  scopesOnServer,
  serverParam,
} from './lookups';
import { type ModelContext, requireRunning } from './modelContext';
import {
  isRecord,
  optionalChoice,
  optionalNumber,
  optionalString,
  requireRecord,
  requireString,
  requireStringList,
  type Params,
} from './params';
import type { RelationshipRecord, ScopeRecord, ServerRecord } from './records';
import { copyScopeTo, replicateContent } from './scopeContent';
import { relationshipToWire, type WireRelationship } from './wire';
import { invalidParameter, objectNotFound, windowsError, type WindowsErrorName } from './windowsErrors';

const SCOPE_REFS = 'scope refs such as DHCPScopes/12';

/** Which Windows error answers each broken rule of `validateRelationship`. */
const RULE_ERRORS: Record<RelationshipRule, WindowsErrorName | 'notFound'> = {
  nameRequired: 'ERROR_INVALID_PARAMETER',
  nameTooLong: 'ERROR_DHCP_FO_RELATIONSHIP_NAME_TOO_LONG',
  nameInvalid: 'ERROR_INVALID_PARAMETER',
  nameNotUnique: 'ERROR_DHCP_FO_RELATIONSHIP_EXISTS',
  serverRequired: 'ERROR_INVALID_PARAMETER',
  serverUnknown: 'notFound',
  serverNotMicrosoft: 'ERROR_INVALID_PARAMETER',
  serversSame: 'ERROR_INVALID_PARAMETER',
  maxRelationships: 'ERROR_DHCP_FO_MAX_RELATIONSHIPS',
  modeInvalid: 'ERROR_INVALID_PARAMETER',
  percentageRange: 'ERROR_INVALID_PARAMETER',
  mcltRange: 'ERROR_INVALID_PARAMETER',
  safePeriodRange: 'ERROR_INVALID_PARAMETER',
};

function ruleError(issue: ValidationIssue) {
  const kind = RULE_ERRORS[issue.rule];
  return kind === 'notFound' ? objectNotFound(`${issue.message} (object not found for reference)`) : windowsError(kind, issue.message);
}

function requireNotSynchronising(rel: RelationshipRecord, server: ServerRecord, side: 0 | 1): void {
  const state = rel.fsm?.endpoints[side].state;
  if (state && isSynchronising(state)) {
    throw windowsError(
      'ERROR_DHCP_FO_SCOPE_SYNC_IN_PROGRESS',
      `Relationship "${rel.name}" is synchronising on ${server.name} (${stateLabel(state, 1)}). Wait until it is Normal and try again.`,
    );
  }
}

// ---- reads

export function getRelationships(ctx: ModelContext, params: Params): { dhcpFailoverRelationships: WireRelationship[] } {
  const { inventory } = ctx;
  if (params.dhcpServerRef === undefined || params.dhcpServerRef === null || params.dhcpServerRef === '') {
    const all: WireRelationship[] = [];
    for (const rel of inventory.relationships.values()) {
      if (ctx.quirks.has('one-record-per-relationship')) {
        // One record, as its primary sees it, read from no server in particular.
        const { dhcpServerRef: _perspective, ...record } = relationshipToWire(ctx, rel, 0);
        all.push(record);
      } else {
        all.push(relationshipToWire(ctx, rel, 0), relationshipToWire(ctx, rel, 1));
      }
    }
    return { dhcpFailoverRelationships: all };
  }
  const server = serverParam(ctx, params);
  return {
    dhcpFailoverRelationships: inventory
      .relationshipsOf(server.id)
      .map((rel) => relationshipToWire(ctx, rel, inventory.sideOf(rel, server.id))),
  };
}

export function getRelationship(ctx: ModelContext, params: Params): { dhcpFailoverRelationship: WireRelationship } {
  const { server, rel } = relationshipParam(ctx, params);
  return { dhcpFailoverRelationship: relationshipToWire(ctx, rel, ctx.inventory.sideOf(rel, server.id)) };
}

// ---- add / modify

/** Reads the relationship object of Add/Modify; server fields may be names or refs. */
function relationshipObject(params: Params): Params {
  return requireRecord(params, 'dhcpFailoverRelationship', 'a DHCPFailoverRelationship object');
}

function serverField(ctx: ModelContext, object: Params, role: 'primary' | 'secondary'): string {
  const text = optionalString(object, `${role}Server`, 'a DHCP server name') || optionalString(object, `${role}ServerRef`, SERVER_REF) || '';
  // The canonical name, so one server named two ways still counts as the same server.
  return ctx.inventory.findServer(text)?.name ?? text;
}

function modeField(object: Params): string {
  const mode = optionalString(object, 'failoverMode', 'LoadBalance or HotStandby') ?? '';
  return FAILOVER_MODES.find((m) => m.toLowerCase() === mode.toLowerCase()) ?? mode;
}

export function addRelationship(ctx: ModelContext, params: Params): Record<string, never> {
  const { inventory } = ctx;
  const object = relationshipObject(params);
  const failoverMode = modeField(object);
  const mclt = optionalNumber(object, 'mclt');
  const draft = {
    name: optionalString(object, 'name', RELATIONSHIP_NAME) ?? '',
    primaryServer: serverField(ctx, object, 'primary'),
    secondaryServer: serverField(ctx, object, 'secondary'),
    failoverMode,
    percentage: optionalNumber(object, 'percentage') ?? defaultPercentage(failoverMode as FailoverMode),
    mclt: mclt === undefined || mclt === 0 ? DEFAULT_MCLT_SECONDS : mclt,
    safePeriod: optionalNumber(object, 'safePeriod') ?? DEFAULT_SAFE_PERIOD_SECONDS,
  };
  const sharedSecret = optionalString(object, 'sharedSecret', 'a string', MAX_SHARED_SECRET_LENGTH);
  const scopeRefs = object.dhcpScopeRefs === undefined || object.dhcpScopeRefs === null || (Array.isArray(object.dhcpScopeRefs) && object.dhcpScopeRefs.length === 0)
    ? []
    : requireStringList(object, 'dhcpScopeRefs', SCOPE_REFS);

  const issues = validateRelationship(draft, {
    serverType: (name) => inventory.findServer(name)?.type,
    relationshipNames: (name) => {
      const server = inventory.findServer(name);
      return server ? inventory.relationshipsOf(server.id).map((rel) => rel.name) : [];
    },
  });
  if (issues.length > 0) throw ruleError(issues[0]);

  const primary = inventory.server(draft.primaryServer);
  const secondary = inventory.server(draft.secondaryServer);
  const rel: RelationshipRecord = {
    id: inventory.newRelationshipId(),
    name: draft.name,
    primaryId: primary.id,
    secondaryId: secondary.id,
    failoverMode: draft.failoverMode as FailoverMode,
    percentage: draft.percentage,
    mclt: draft.mclt,
    safePeriod: draft.safePeriod,
    enableAuth: !!sharedSecret,
    scopePairs: [],
    fsm: null,
  };
  if (scopeRefs.length === 0) {
    // Windows needs scopes to create a relationship: without any it lives only in Micetro, "Empty".
    inventory.addRelationship(rel);
    return {};
  }
  // The scopes are added from the server the object names, else from the primary (the server you start from).
  const fromRef = optionalString(object, 'dhcpServerRef', SERVER_REF);
  const from = fromRef ? inventory.server(fromRef) : primary;
  if (from.id !== primary.id && from.id !== secondary.id) {
    throw invalidParameter(`dhcpServerRef ${fromRef} is neither ${primary.name} nor ${secondary.name}, the servers of "${rel.name}".`);
  }
  const scopes = validateAddScopes(ctx, rel, from, scopeRefs);
  inventory.addRelationship(rel);
  applyAddScopes(ctx, rel, from, scopes);
  return {};
}

export function modifyRelationship(ctx: ModelContext, params: Params): Record<string, never> {
  const { inventory } = ctx;
  const object = relationshipObject(params);
  const name = requireString(object, 'name', RELATIONSHIP_NAME);
  const primaryText = serverField(ctx, object, 'primary');
  const secondaryText = serverField(ctx, object, 'secondary');
  const perspective = optionalString(object, 'dhcpServerRef', SERVER_REF);
  const lookupServer = perspective || primaryText || secondaryText;
  const { rel } = relationshipNamed(ctx, name, lookupServer, 'primaryServer or dhcpServerRef');

  const primary = inventory.serverById(rel.primaryId);
  const secondary = inventory.serverById(rel.secondaryId);
  for (const [text, server, role] of [[primaryText, primary, 'primary'], [secondaryText, secondary, 'secondary']] as const) {
    if (text && inventory.findServer(text)?.id !== server.id) {
      throw invalidParameter(`The ${role} server of "${rel.name}" is ${server.name} and cannot be changed; remove the relationship and add a new one.`);
    }
  }

  const failoverMode = object.failoverMode === undefined || object.failoverMode === null ? rel.failoverMode : modeField(object);
  if (!FAILOVER_MODES.includes(failoverMode as FailoverMode)) {
    throw invalidParameter(`failoverMode must be LoadBalance or HotStandby, got "${failoverMode}".`);
  }
  const modeChanged = failoverMode !== rel.failoverMode;
  const draft = {
    failoverMode,
    percentage: optionalNumber(object, 'percentage') ?? (modeChanged ? defaultPercentage(failoverMode as FailoverMode) : rel.percentage),
    mclt: optionalNumber(object, 'mclt') ?? rel.mclt,
    safePeriod: optionalNumber(object, 'safePeriod') ?? rel.safePeriod,
  };
  const sharedSecret = optionalString(object, 'sharedSecret', 'a string', MAX_SHARED_SECRET_LENGTH);
  const issues = validateParameters(draft);
  if (issues.length > 0) throw ruleError(issues[0]);
  if (rel.fsm) {
    requireRunning(primary);
    requireRunning(secondary);
  }

  rel.failoverMode = failoverMode as FailoverMode;
  rel.percentage = draft.percentage;
  rel.mclt = draft.mclt;
  rel.safePeriod = draft.safePeriod;
  // Absent: keep the current secret; '' turns message authentication off; anything else sets it.
  if (sharedSecret !== undefined) rel.enableAuth = sharedSecret !== '';
  if (rel.fsm) {
    retime(rel.fsm, rel);
    ctx.scheduler.track(rel);
  }
  return {};
}

// ---- scopes in relationships

function validateAddScopes(ctx: ModelContext, rel: RelationshipRecord, server: ServerRecord, refs: readonly string[]): ScopeRecord[] {
  const { inventory } = ctx;
  const partner = inventory.partnerOf(rel, server.id);
  requireRunning(server);
  requireRunning(partner);
  const scopes = scopesOnServer(ctx, refs, server);
  const partnerNetworks = inventory.scopesOf(partner.id).map((s) => ({ scope: s, network: parseNetwork(s.name) }));
  for (const scope of scopes) {
    const current = inventory.relationshipOfScope(scope.id);
    if (current) {
      throw windowsError(
        'ERROR_DHCP_FO_SCOPE_ALREADY_IN_RELATIONSHIP',
        `Scope ${scope.name} is already in failover relationship "${current.name}".`,
      );
    }
    const network = parseNetwork(scope.name);
    const clash = partnerNetworks.find((p) => p.scope.name === scope.name || (network && p.network && networksOverlap(network, p.network)));
    if (clash) {
      throw windowsError(
        'ERROR_DHCP_SUBNET_EXISTS',
        `${clash.scope.name === scope.name ? `Scope ${scope.name} already exists` : `Scope ${scope.name} overlaps scope ${clash.scope.name}`} on the partner ${partner.name}; a scope added to failover must not exist there. Delete it on ${partner.name} first.`,
      );
    }
  }
  if (rel.fsm) {
    const side = inventory.sideOf(rel, server.id);
    requireNotSynchronising(rel, server, side);
    const state = rel.fsm.endpoints[side].state;
    if (state !== 'Normal') {
      throw windowsError(
        'ERROR_DHCP_FO_STATE_NOT_NORMAL',
        `Relationship "${rel.name}" is ${stateLabel(state, 1)} on ${server.name}; scopes can be added only while it is Normal.`,
      );
    }
  }
  return scopes;
}

/** Copies each scope to the partner; the first scope creates the relationship on both servers. */
function applyAddScopes(ctx: ModelContext, rel: RelationshipRecord, server: ServerRecord, scopes: readonly ScopeRecord[]): void {
  const { inventory } = ctx;
  const partner = inventory.partnerOf(rel, server.id);
  const side = inventory.sideOf(rel, server.id);
  for (const scope of scopes) {
    const copy = copyScopeTo(inventory, scope, partner.id);
    inventory.addScope(copy);
    inventory.linkPair(rel, side === 0 ? [scope.id, copy.id] : [copy.id, scope.id]);
  }
  if (!rel.fsm) {
    rel.fsm = newPair(ctx.now());
    ctx.scheduler.track(rel);
  }
}

export function addScopes(ctx: ModelContext, params: Params): Record<string, never> {
  const { server, rel } = relationshipParam(ctx, params);
  const refs = requireStringList(params, 'dhcpScopeRefs', SCOPE_REFS);
  const scopes = validateAddScopes(ctx, rel, server, refs);
  applyAddScopes(ctx, rel, server, scopes);
  return {};
}

/** What happens to the instance on the other server when a scope leaves failover. */
function deconfigure(ctx: ModelContext, scope: ScopeRecord, action: DeconfigureAction): void {
  if (action === 'Delete') ctx.inventory.removeScope(scope);
  else if (action === 'Disable') scope.enabled = false;
}

function actionParam(params: Params): DeconfigureAction {
  return optionalChoice(params, 'dhcpFailoverRelationshipDeconfigureAction', DECONFIGURE_ACTIONS) ?? 'None';
}

/** The relationship lost its last scope: Windows deletes it; Micetro keeps it as Empty. */
export function emptyIfNoScopes(ctx: ModelContext, rel: RelationshipRecord): void {
  if (rel.scopePairs.length > 0 || !rel.fsm) return;
  rel.fsm = null;
  ctx.scheduler.forget(rel);
}

export function removeScopes(ctx: ModelContext, params: Params): Record<string, never> {
  const { inventory } = ctx;
  const { server, rel } = relationshipParam(ctx, params);
  const refs = requireStringList(params, 'dhcpScopeRefs', SCOPE_REFS);
  const action = actionParam(params);
  const side = inventory.sideOf(rel, server.id);
  const scopes = scopesOnServer(ctx, refs, server);
  for (const scope of scopes) {
    if (inventory.relationshipOfScope(scope.id) !== rel) {
      throw windowsError('ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP', `Scope ${scope.name} on ${server.name} is not in failover relationship "${rel.name}".`);
    }
  }
  requireNotSynchronising(rel, server, side);
  requireRunning(server);
  requireRunning(inventory.partnerOf(rel, server.id));

  for (const scope of scopes) {
    const pair = inventory.unlinkScope(rel, scope.id);
    deconfigure(ctx, inventory.scopeById(pair[side === 0 ? 1 : 0]), action);
  }
  emptyIfNoScopes(ctx, rel);
  return {};
}

export function removeRelationships(ctx: ModelContext, params: Params): Record<string, never> {
  const { inventory } = ctx;
  const list = params.dhcpRefAndFailoverRelationshipNames;
  if (!Array.isArray(list) || list.length === 0) {
    throw invalidParameter('Parameter dhcpRefAndFailoverRelationshipNames must be a non-empty list of {dhcpServerRef, dhcpFailoverRelationshipName}.');
  }
  // A Micetro that does not know the parameter leaves every scope as it is, enabled on both servers.
  const action = ctx.quirks.has('ignore-deconfigure') ? 'None' : actionParam(params);
  const removals = new Map<RelationshipRecord, ServerRecord>();
  for (const item of list) {
    if (!isRecord(item)) throw invalidParameter('Each entry of dhcpRefAndFailoverRelationshipNames must be {dhcpServerRef, dhcpFailoverRelationshipName}.');
    const name = requireString(item, 'dhcpFailoverRelationshipName', RELATIONSHIP_NAME);
    const serverText = optionalString(item, 'dhcpServerRef', SERVER_REF);
    const { rel, server } = relationshipNamed(ctx, name, serverText, 'dhcpServerRef');
    const keepOn = server ?? inventory.serverById(rel.primaryId);
    if (rel.fsm) {
      requireRunning(inventory.serverById(rel.primaryId));
      requireRunning(inventory.serverById(rel.secondaryId));
    }
    removals.set(rel, keepOn);
  }
  for (const [rel, keepOn] of removals) {
    // Scopes persist on the server named; the action applies to the other server's instances.
    const otherSide = inventory.sideOf(rel, keepOn.id) === 0 ? 1 : 0;
    const others = rel.scopePairs.map((pair) => inventory.scopeById(pair[otherSide]));
    inventory.removeRelationship(rel);
    ctx.scheduler.forget(rel);
    for (const scope of others) deconfigure(ctx, scope, action);
  }
  return {};
}

// ---- replication

export function replicate(ctx: ModelContext, params: Params): Record<string, never> {
  const { inventory } = ctx;
  const source = serverParam(ctx, params);
  const name = optionalString(params, 'dhcpFailoverRelationshipName', RELATIONSHIP_NAME);
  const scopeText = optionalString(params, 'dhcpScopeRef', SCOPE_REF);
  let pairs: Array<{ rel: RelationshipRecord; scope: ScopeRecord }>;
  if (scopeText) {
    const scope = scopeOnServer(ctx, scopeText, source);
    const rel = inventory.relationshipOfScope(scope.id);
    if (!rel || (name && rel.name.toLowerCase() !== name.toLowerCase())) {
      throw windowsError(
        'ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP',
        name ? `Scope ${scope.name} on ${source.name} is not in failover relationship "${name}".` : `Scope ${scope.name} on ${source.name} is not a failover scope, so there is nothing to replicate it to.`,
      );
    }
    pairs = [{ rel, scope }];
  } else if (name) {
    const rel = relationshipOn(ctx, source, name);
    const side = inventory.sideOf(rel, source.id);
    pairs = rel.scopePairs.map((pair) => ({ rel, scope: inventory.scopeById(pair[side]) }));
  } else {
    pairs = inventory.relationshipsOf(source.id).flatMap((rel) => {
      const side = inventory.sideOf(rel, source.id);
      return rel.scopePairs.map((pair) => ({ rel, scope: inventory.scopeById(pair[side]) }));
    });
  }
  if (pairs.length > 0) requireRunning(source);
  for (const rel of new Set(pairs.map((p) => p.rel))) requireRunning(inventory.partnerOf(rel, source.id));
  for (const { rel, scope } of pairs) {
    const side = inventory.sideOf(rel, source.id);
    const pair = rel.scopePairs.find((p) => p[side] === scope.id) as [number, number];
    replicateContent(inventory, scope, inventory.scopeById(pair[side === 0 ? 1 : 0]));
  }
  return {};
}
