// Removing a failover relationship with documented commands only. RemoveDHCPFailoverRelationships has no
// deconfigure parameter (8.1 and 9.x WSDL), so the scopes leave the relationship first, with the chosen Delete or
// Disable on the other server, and only the then Empty relationship is removed. Afterwards the other server's scopes
// are read back: two enabled copies of a pool with no failover between them hand out the same addresses twice.
// No vscode import: unit tests run it against scripted answers.
import type { MicetroApi } from '../../api/micetroApi';
import { scopesOnServer } from '../../api/scopesOnServer';
import type { DeconfigureAction, DHCPScope } from '../../api/types';
import { otherSide, scopeCidr, type FailoverPair, type FailoverSide } from '../../failover';

export type RemovalClient = Pick<MicetroApi, 'getDHCPFailoverRelationship' | 'removeScopesFromFailoverRelationship' | 'removeDHCPFailoverRelationships' | 'getDHCPScopes'>;

export interface RemovalPlan {
  pair: FailoverPair;
  /** The server whose scopes persist. */
  keeper: FailoverSide;
  /** What happens to the other server's instances; undefined for an Empty relationship. */
  action?: DeconfigureAction;
}

export interface RemovalOutcome {
  /** Copies of the relationship's scopes still enabled on the other server; undefined when they could not be read. */
  enabledCopies?: DHCPScope[];
}

/** Runs the steps; a failed step throws an error whose message says what exists now and how to finish. */
export async function removeFailoverPair(client: RemovalClient, plan: RemovalPlan, describe: (error: unknown) => string): Promise<RemovalOutcome> {
  const { pair, keeper, action } = plan;
  const other = otherSide(pair, keeper).server;
  const keep = { dhcpServerRef: keeper.server.ref, dhcpFailoverRelationshipName: pair.name };
  let keptRefs: string[] = [];
  if (action) {
    // The keeper's own instance refs, read now: the ones listed earlier may be stale or the partner's.
    try {
      keptRefs = (await client.getDHCPFailoverRelationship(keeper.server.ref, pair.name)).dhcpScopeRefs;
    } catch (error) {
      throw new Error(`Nothing was changed: ${pair.name} could not be read from ${keeper.server.name}: ${describe(error)}`, { cause: error });
    }
    if (keptRefs.length > 0) {
      try {
        await client.removeScopesFromFailoverRelationship(keeper.server.ref, pair.name, keptRefs, action);
      } catch (error) {
        throw new Error(
          `The scopes of ${pair.name} could not be removed from it on ${keeper.server.name}: ${describe(error)}. ` +
            `The relationship was not removed; Refresh shows which scopes it still has. Run Remove Failover Relationship again to finish.`,
          { cause: error },
        );
      }
    }
  }
  try {
    await client.removeDHCPFailoverRelationships([keep]);
  } catch (error) {
    const done = keptRefs.length > 0 ? `The scopes were removed from ${pair.name} and ${action === 'Delete' ? 'deleted' : 'disabled'} on ${other.name}, but the` : 'The';
    throw new Error(`${done} relationship itself could not be removed: ${describe(error)}. Run Remove Failover Relationship again to finish.`, { cause: error });
  }
  if (keptRefs.length === 0 && pair.primary.scopeRefs.length === 0 && pair.secondary.scopeRefs.length === 0) return { enabledCopies: [] };
  return { enabledCopies: await enabledCopies(client, plan, keptRefs).catch(() => undefined) };
}

/** The other server's scopes that are copies of the kept ones (same range, or same network) and still enabled. */
async function enabledCopies(client: RemovalClient, plan: RemovalPlan, keptRefs: readonly string[]): Promise<DHCPScope[]> {
  const other = otherSide(plan.pair, plan.keeper);
  const [kept, others] = await Promise.all([scopesOnServer(client, plan.keeper.server.ref), scopesOnServer(client, other.server.ref)]);
  const keptSet = new Set([...keptRefs, ...plan.keeper.scopeRefs]);
  const keptScopes = kept.filter((scope) => keptSet.has(scope.ref));
  const ranges = new Set(keptScopes.map((scope) => scope.rangeRef));
  const networks = new Set(keptScopes.map(scopeCidr));
  const copyRefs = new Set(other.scopeRefs);
  return others.filter((scope) => scope.enabled && (copyRefs.has(scope.ref) || ranges.has(scope.rangeRef) || networks.has(scopeCidr(scope))));
}
