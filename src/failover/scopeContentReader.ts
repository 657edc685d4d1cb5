// Reading one scope instance's configuration: the four lists the API gives only per scope (pools, exclusions,
// reservations, options), at once; the name, description and enabled state come with the scope listing.
import type { AddressBlock, DHCPOption, DHCPReservation, DHCPScope } from '../api/types';
import type { ScopeContent } from './scopeContentText';
import { scopeCidr } from './scopeRules';

/** The client calls the reading makes (MicetroClient has them). */
export interface ScopeContentSource {
  getDHCPAddressPools(dhcpScopeRef: string): Promise<AddressBlock[]>;
  getDHCPExclusions(dhcpScopeRef: string): Promise<AddressBlock[]>;
  getReservations(scopeRef: string): Promise<DHCPReservation[]>;
  getScopeOptions(scopeRef: string): Promise<DHCPOption[]>;
}

/** Requests one reading makes. */
export const SCOPE_CONTENT_REQUESTS = 4;

export async function readScopeContent(source: ScopeContentSource, scope: DHCPScope): Promise<ScopeContent> {
  const [pools, exclusions, reservations, options] = await Promise.all([
    source.getDHCPAddressPools(scope.ref),
    source.getDHCPExclusions(scope.ref),
    source.getReservations(scope.ref),
    source.getScopeOptions(scope.ref),
  ]);
  return { network: scopeCidr(scope), name: scope.name, description: scope.description, enabled: scope.enabled, pools, exclusions, reservations, options };
}
