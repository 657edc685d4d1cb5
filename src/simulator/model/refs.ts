// Micetro refs: `DHCPServers/3`, `DHCPScopes/17`, or a unique name in place of the number
// (`DHCPServers/dhcp1.contoso.com`, `DHCPScopes/10.1.20.0/24`), and bare names where Micetro takes names.

export type Collection = 'DHCPServers' | 'DHCPScopes' | 'Ranges' | 'DHCPReservations' | 'DHCPAddressPools' | 'DHCPExclusions';

export const serverRef = (id: number) => `DHCPServers/${id}`;
export const scopeRef = (id: number) => `DHCPScopes/${id}`;
export const reservationRef = (id: number) => `DHCPReservations/${id}`;
export const rangeRef = (id: number) => `Ranges/${id}`;
export const poolRef = (id: number) => `DHCPAddressPools/${id}`;
export const exclusionRef = (id: number) => `DHCPExclusions/${id}`;

/** A ref split into the numeric id or the name it carries. */
export type ParsedRef = { id: number; name?: undefined } | { id?: undefined; name: string };

/** Reads `Collection/<id|name>` (collection case-insensitive) or a bare name. */
export function parseRef(ref: string, collection: Collection): ParsedRef {
  const prefix = `${collection}/`;
  const rest = ref.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase() ? ref.slice(prefix.length) : ref;
  return /^\d+$/.test(rest) && rest !== ref ? { id: Number(rest) } : { name: rest };
}
