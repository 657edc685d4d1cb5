// How a relationship reads in the views: mode and split, partner, role. Plain text, no vscode.
import type { DHCPFailoverRelationship } from '../../api/types';

/** `Load balance 60/40` (primary/secondary) or `Hot standby, 5 % reserve`. */
export function modeSummary(relationship: DHCPFailoverRelationship): string {
  if (relationship.failoverMode === 'LoadBalance') return `Load balance ${relationship.percentage}/${100 - relationship.percentage}`;
  return `Hot standby, ${relationship.percentage} % reserve`;
}

/** The other server, seen from the server the relationship was read from. */
export function partnerName(relationship: DHCPFailoverRelationship): string {
  return relationship.failoverServerType === 'PrimaryServer' ? relationship.secondaryServer : relationship.primaryServer;
}

export function partnerRef(relationship: DHCPFailoverRelationship): string | undefined {
  return relationship.failoverServerType === 'PrimaryServer' ? relationship.secondaryServerRef : relationship.primaryServerRef;
}

/** `dhcp-a ⇄ dhcp-b`, primary first: the authority of a failover scope, as Micetro's IPAM page shows it. */
export function pairName(relationship: DHCPFailoverRelationship): string {
  return `${relationship.primaryServer} ⇄ ${relationship.secondaryServer}`;
}

/** The refs of both servers of the relationship, whichever perspective it was read from. */
export function serverRefsOf(relationship: DHCPFailoverRelationship): string[] {
  return [relationship.primaryServerRef, relationship.secondaryServerRef, relationship.dhcpServerRef].filter(
    (ref, index, all): ref is string => ref !== undefined && all.indexOf(ref) === index,
  );
}
