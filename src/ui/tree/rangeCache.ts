// The networks of scopes, read from their IPAM ranges: a scope's `rangeRef` is numeric (`Ranges/17`) and its
// network is the range's name. Each range is read once and kept until `clear`.
// Cost model: a ref that already names its network (`Ranges/10.1.20.0/24`) costs nothing; up to
// FEW_MISSING unknown ranges are read one by one (`GET Ranges/<ref>`, RANGE_CONCURRENCY at a time); more than that
// are read with one paged listing of every range (`GET Ranges`), which also fills the cache for later scopes.
// No vscode import: the benchmark runs it in Node.
import type { MicetroApi } from '../../api/micetroApi';
import type { DHCPScope } from '../../api/types';
import { rangeNetwork } from '../../failover';

export type RangeSource = Pick<MicetroApi, 'getRange' | 'getRanges'>;

/** Up to this many unknown ranges are read one by one; above it, one listing of every range is cheaper. */
const FEW_MISSING = 8;
const RANGE_CONCURRENCY = 4;

export class RangeCache {
  /** Range ref → its network (CIDR), or undefined when the range could not be read or is not a network. */
  private readonly networks = new Map<string, Promise<string | undefined>>();

  constructor(private readonly currentSource: () => RangeSource) {}

  /** `scopes`, each with `network` set from its range when the range is known or can be read. */
  async withNetworks(scopes: readonly DHCPScope[]): Promise<DHCPScope[]> {
    const missing = [...new Set(scopes.map((scope) => scope.rangeRef))].filter((ref) => !this.networks.has(ref) && !rangeNetwork(ref));
    if (missing.length > FEW_MISSING) this.readAll(missing);
    else this.readEach(missing);
    return Promise.all(
      scopes.map(async (scope) => {
        const network = rangeNetwork(scope.rangeRef)?.cidr ?? (await this.networks.get(scope.rangeRef));
        return network === undefined ? scope : { ...scope, network };
      }),
    );
  }

  clear(): void {
    this.networks.clear();
  }

  private readEach(refs: readonly string[]): void {
    const source = this.currentSource();
    let next = 0;
    const results = new Map<string, (network: string | undefined) => void>();
    for (const ref of refs) this.networks.set(ref, new Promise((resolve) => results.set(ref, resolve)));
    const worker = async () => {
      while (next < refs.length) {
        const ref = refs[next++];
        const resolve = results.get(ref) as (network: string | undefined) => void;
        try {
          resolve((await source.getRange(ref)).name);
        } catch {
          // Unreadable now (deleted, no access, offline): the scope shows its name; the next load asks again.
          this.networks.delete(ref);
          resolve(undefined);
        }
      }
    };
    for (let i = 0; i < Math.min(RANGE_CONCURRENCY, refs.length); i++) void worker();
  }

  private readAll(refs: readonly string[]): void {
    const listing = this.currentSource()
      .getRanges()
      .then(
        (ranges) => new Map(ranges.map((range) => [range.ref, range.name] as const)),
        () => undefined,
      );
    for (const ref of refs) {
      const entry = listing.then((byRef) => byRef?.get(ref));
      this.networks.set(ref, entry);
      void entry.then((network) => {
        if (network === undefined && this.networks.get(ref) === entry) this.networks.delete(ref);
      });
    }
    // The listing holds ranges nobody asked for yet: keep them too, so the next server's scopes cost nothing.
    void listing.then((byRef) => {
      for (const [ref, name] of byRef ?? []) if (!this.networks.has(ref)) this.networks.set(ref, Promise.resolve(name));
    });
  }
}
