// How a relationship reads in the views: mode and split, the server pair. Plain text, no vscode.
import type { FailoverPair } from '../../failover/failoverPair';

/** `Load balance 60/40` (primary/secondary) or `Hot standby, 5 % reserve`. */
export function modeSummary(pair: FailoverPair): string {
  if (pair.mode === 'LoadBalance') return `Load balance ${pair.percentage}/${100 - pair.percentage}`;
  return `Hot standby, ${pair.percentage} % reserve`;
}

/** `dhcp-a ⇄ dhcp-b`, primary first: the authority of a failover scope, as Micetro's IPAM page shows it. */
export function pairName(pair: FailoverPair): string {
  return `${pair.primary.server.name} ⇄ ${pair.secondary.server.name}`;
}
