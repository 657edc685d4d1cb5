// One scope instance's configuration as stable, sorted, readable text, so that two partners' copies can be compared
// line by line (Compare with Partner), and as the keyed entries that text is made of, which drift compares. Forms that mean the same thing give the same text: list order, the case and
// separators of a MAC address, the spacing of an option value, leading zeros of an option code.
import type { AddressBlock, DHCPOption, DHCPReservation } from '../api/types';
import { formatDuration } from './durations';
import { ipv4ToNumber } from './scopeRules';

/** What the API gives for one scope instance. */
export interface ScopeContent {
  /** The network in CIDR form. */
  network: string;
  name: string;
  description: string;
  enabled: boolean;
  pools: readonly AddressBlock[];
  exclusions: readonly AddressBlock[];
  reservations: readonly DHCPReservation[];
  options: readonly DHCPOption[];
}

/** The names of the options most scopes carry; any other code is shown by number. */
const OPTION_NAMES: Record<number, string> = {
  3: 'Router',
  6: 'DNS Servers',
  15: 'DNS Domain Name',
  51: 'Lease time',
};

/** Option 51 holds seconds; shown as a duration. */
const LEASE_TIME = 51;

/** JSON's escapes, plus the two line separators JSON leaves as they are (an editor may break the line there). */
const json = (text: string): string => JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
/** A quoted string with newlines and controls escaped, so a server's text cannot pose as another line. */
const quoted = (text: string): string => json(text.trim());
/** The same escapes without the quotes, for values that read better bare (a client id, an option value). */
const escaped = (text: string): string => json(text).slice(1, -1);

/** Sorts numerically by IPv4 address; text that is not an address goes last, in text order. */
function byAddress(a: string, b: string): number {
  const x = ipv4ToNumber(a) ?? Number.MAX_SAFE_INTEGER;
  const y = ipv4ToNumber(b) ?? Number.MAX_SAFE_INTEGER;
  return x - y || (a < b ? -1 : a > b ? 1 : 0);
}

const blockText = (block: AddressBlock): string => escaped(`${block.from.trim()} – ${block.to.trim()}`);

/** One line of a section, with what identifies it: two copies' entries of one key are the same thing, changed or not. */
export interface ContentEntry {
  key: string;
  line: string;
}

/** Pools and exclusions: a block is its addresses, so it is added or removed, never changed. */
function blockEntries(blocks: readonly AddressBlock[]): ContentEntry[] {
  return [...blocks]
    .sort((a, b) => byAddress(a.from.trim(), b.from.trim()) || byAddress(a.to.trim(), b.to.trim()))
    .map((block) => ({ key: blockText(block), line: blockText(block) }));
}

/** A MAC address with `-`, `:` or no separators, or in dotted form (`0015.5d14.0a28`). */
const MAC = /^(?:[0-9a-f]{2}[-:]?){5}[0-9a-f]{2}$|^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;

/** A MAC address in any usual form (`00-15-5D-…`, `00:15:5d:…`) as `00-15-5d-…`; any other client id as given. */
export function normalClientId(id: string): string {
  const trimmed = id.trim();
  if (!MAC.test(trimmed)) return trimmed;
  return trimmed.replace(/[-:.]/g, '').toLowerCase().match(/../g)?.join('-') ?? trimmed;
}

/** Option code as a number (`003` → 3); undefined when it is not one. */
function optionCode(option: string): number | undefined {
  const code = Number(option.trim());
  return Number.isInteger(code) && option.trim() !== '' ? code : undefined;
}

/**
 * An option's value in one form: list items trimmed and joined with `, ` (their order kept: DNS servers are asked in
 * that order), runs of spaces collapsed, a domain name in lower case, a lease time as a duration.
 */
function optionValue(code: number | undefined, value: string): string {
  const items = value.split(',').map((item) => item.trim().replace(/\s+/g, ' '));
  const joined = items.join(', ');
  if (code === 15) return joined.toLowerCase();
  if (code === LEASE_TIME && /^\d+$/.test(joined)) return Number(joined) === 0xffffffff ? 'unlimited' : formatDuration(Number(joined));
  return joined;
}

/** An option is known by its code (by its id when that is not a number). */
function optionEntries(options: readonly DHCPOption[]): ContentEntry[] {
  return options
    .map((option) => ({ code: optionCode(option.option), option }))
    .sort((a, b) => (a.code ?? Number.MAX_SAFE_INTEGER) - (b.code ?? Number.MAX_SAFE_INTEGER) || (a.option.option < b.option.option ? -1 : 1))
    .map(({ code, option }) => {
      const label = code === undefined ? quoted(option.option) : OPTION_NAMES[code] ? `${code} ${OPTION_NAMES[code]}` : `${code}`;
      return { key: label, line: `${label}: ${escaped(optionValue(code, option.value))}` };
    });
}

/**
 * One line per reservation, so a changed reservation is one changed line: address, name, client, type, description.
 * A reservation is known by its addresses: another client on the same address replaces it.
 */
function reservationEntries(reservations: readonly DHCPReservation[]): ContentEntry[] {
  return reservations
    .map((reservation) => {
      const addresses = reservation.addresses.map((address) => address.trim()).sort(byAddress);
      const key = escaped(addresses.join(', ')) || '(no address)';
      const parts = [key, quoted(reservation.name), `client ${escaped(normalClientId(reservation.clientIdentifier))}`];
      if (reservation.type !== undefined && reservation.type.trim() !== '') parts.push(`type ${escaped(reservation.type.trim())}`);
      if (reservation.description !== undefined && reservation.description.trim() !== '') parts.push(`description ${quoted(reservation.description)}`);
      return { first: addresses[0] ?? '', entry: { key, line: parts.join('  ') } };
    })
    .sort((a, b) => byAddress(a.first, b.first) || (a.entry.line < b.entry.line ? -1 : a.entry.line > b.entry.line ? 1 : 0))
    .map(({ entry }) => entry);
}

/** The kinds of setting a scope instance has, in the order the text shows them. */
export const CONTENT_KINDS = ['name', 'description', 'enabled', 'lease', 'pool', 'exclusion', 'reservation', 'option'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** The instance's configuration normalised, each kind's entries sorted: what the text shows and drift compares. */
export type ScopeContentEntries = Record<ContentKind, ContentEntry[]>;

const single = (key: string, line: string): ContentEntry[] => [{ key, line }];

export function scopeContentEntries(content: ScopeContent): ScopeContentEntries {
  const lease = content.options.find((option) => optionCode(option.option) === LEASE_TIME);
  return {
    name: single('Name', `Name: ${quoted(content.name)}`),
    description: single('Description', `Description: ${quoted(content.description)}`),
    enabled: single('Enabled', `Enabled: ${content.enabled ? 'yes' : 'no'}`),
    lease: single('Lease duration', `Lease duration: ${lease ? optionValue(LEASE_TIME, lease.value) : 'not set'}`),
    pool: blockEntries(content.pools),
    exclusion: blockEntries(content.exclusions),
    reservation: reservationEntries(content.reservations),
    option: optionEntries(content.options.filter((option) => optionCode(option.option) !== LEASE_TIME)),
  };
}

function section(title: string, entries: readonly ContentEntry[]): string[] {
  return ['', `${title} (${entries.length})`, ...(entries.length === 0 ? ['  (none)'] : entries.map((entry) => `  ${entry.line}`))];
}

/** The instance's configuration as text: a header, then pools, exclusions, reservations and options, each sorted. */
export function scopeContentText(content: ScopeContent): string {
  const entries = scopeContentEntries(content);
  return [
    `Scope ${content.network}`,
    ...[entries.name, entries.description, entries.enabled, entries.lease].map(([entry]) => entry.line),
    ...section('Address pools', entries.pool),
    ...section('Exclusions', entries.exclusion),
    ...section('Reservations', entries.reservation),
    ...section('Options', entries.option),
    '',
  ].join('\n');
}
