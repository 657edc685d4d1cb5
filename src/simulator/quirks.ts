// The simulator's profiles and quirks: each quirk is one way a real Micetro may answer less kindly than the `demo`
// profile, set to the most hostile plausible answer of an unknown in reference/real-micetro.md §4. The CLI's usage,
// the server options and the README's table all come from this list.

export const QUIRKS = [
  { name: 'no-state', description: 'relationships carry no `state` and no `enableAuth` (not in the 8.1/9.x object)' },
  { name: 'null-scope-refs', description: 'an Empty relationship answers `dhcpScopeRefs: null` (the field is nillable)' },
  {
    name: 'one-record-per-relationship',
    description: '`GetDHCPFailoverRelationships` without `dhcpServerRef` answers one record per relationship, as its primary sees it, with no `dhcpServerRef`',
  },
  { name: 'partial-server-filter', description: 'the scope filter `dhcpServerRef=DHCPServers/1` also matches `DHCPServers/10`, `/11`… (an unanchored match)' },
  { name: 'not-found-400', description: '"no such object" (2049, 20115) answers HTTP 400 with its code instead of 404, as a live v2 appliance does' },
  {
    name: 'ignore-deconfigure',
    description: '`RemoveDHCPFailoverRelationships` ignores `dhcpFailoverRelationshipDeconfigureAction`: both copies of each scope stay, enabled, out of failover',
  },
  { name: 'no-command-bridge', description: '`/mmws/api/command/*` answers 404 (unknown resource); JSON-RPC `/mmws/json` still serves every command' },
  { name: 'no-basic-auth', description: 'HTTP Basic is refused (401, code 5002), as a site whose `AuthorizationMethods` leaves it out; sessions work' },
] as const;

export type QuirkName = (typeof QUIRKS)[number]['name'];

/** The quirks a simulator runs with; the model reads them from its context. */
export type Quirks = ReadonlySet<QuirkName>;

export const NO_QUIRKS: Quirks = new Set();

/** `demo`: today's kind simulator with its extensions; `micetro`: the documented API with every quirk on. */
export const PROFILES = ['demo', 'micetro'] as const;

export type SimulatorProfile = (typeof PROFILES)[number];

const QUIRK_NAMES: readonly QuirkName[] = QUIRKS.map((quirk) => quirk.name);

function isQuirkName(name: string): name is QuirkName {
  return (QUIRK_NAMES as readonly string[]).includes(name);
}

/** The quirks of `profile` plus `extra`; an unknown profile or quirk name is refused with the list of known ones. */
export function resolveQuirks(profile: string = 'demo', extra: readonly string[] = []): Quirks {
  if (!(PROFILES as readonly string[]).includes(profile)) throw new Error(`Unknown simulator profile "${profile}"; use one of ${PROFILES.join(', ')}.`);
  const unknown = extra.filter((name) => !isQuirkName(name));
  if (unknown.length > 0) throw new Error(`Unknown simulator quirk${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; use any of ${QUIRK_NAMES.join(', ')}.`);
  return new Set<QuirkName>(profile === 'micetro' ? QUIRK_NAMES : extra.filter(isQuirkName));
}
