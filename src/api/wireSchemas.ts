// What Micetro's answers must hold, as valibot schemas: one per wire object of types.ts and one per answer envelope.
// The client checks every answer against them where it arrives, so the rest of the extension can trust types.ts.
// Each schema is typed as producing its wire type, so a field added to one and not the other does not compile.
// Fields the extension cannot do without are required; the rest are optional, with the defaults noted. Fields not
// named here are dropped (`state` and `enableAuth`, which the views read when present, are named). Refs are kept as
// Micetro gives them.
import * as v from 'valibot';
import { FAILOVER_MODES } from '../failover/defaults';
import { MicetroUnexpectedAnswerError } from './errors';
import {
  DHCP_SERVER_STATES,
  DHCP_SERVER_TYPES,
  FAILOVER_SERVER_TYPES,
  type DHCPAddressPool,
  type DHCPExclusion,
  type DHCPFailoverRelationship,
  type DHCPOption,
  type IPAMRange,
  type ObjectSummary,
  type DHCPReservation,
  type DHCPScope,
  type DHCPServer,
} from './types';

/** A scope as listed: `dhcpServerRef` may be missing, and the client fills it from the request. */
export type ListedDHCPScope = Omit<DHCPScope, 'dhcpServerRef'> & { dhcpServerRef?: string };

const server: v.GenericSchema<unknown, DHCPServer> = v.object({
  ref: v.string(),
  name: v.string(),
  address: v.string(),
  resolvedAddress: v.optional(v.string()),
  // A type or state this extension does not know (a newer Micetro) reads as Unknown rather than failing the list.
  type: v.fallback(v.picklist(DHCP_SERVER_TYPES), 'Unknown'),
  state: v.fallback(v.picklist(DHCP_SERVER_STATES), 'Unknown'),
  enabled: v.boolean(),
  customProperties: v.optional(v.record(v.string(), v.string())),
});

const scope: v.GenericSchema<unknown, ListedDHCPScope> = v.object({
  ref: v.string(),
  name: v.string(),
  rangeRef: v.string(),
  dhcpServerRef: v.optional(v.string()),
  superscope: v.optional(v.string(), ''),
  description: v.optional(v.string(), ''),
  available: v.number(),
  enabled: v.boolean(),
});

const relationship: v.GenericSchema<unknown, DHCPFailoverRelationship> = v.object({
  name: v.string(),
  primaryServer: v.string(),
  secondaryServer: v.string(),
  primaryServerRef: v.optional(v.string()),
  secondaryServerRef: v.optional(v.string()),
  failoverMode: v.picklist(FAILOVER_MODES),
  failoverServerType: v.picklist(FAILOVER_SERVER_TYPES),
  mclt: v.number(),
  safePeriod: v.number(),
  // Declared nillable: an Empty relationship may say `null`.
  dhcpScopeRefs: v.nullish(v.array(v.string()), () => []),
  percentage: v.number(),
  sharedSecret: v.optional(v.string()),
  dhcpServerRef: v.optional(v.string()),
  state: v.optional(v.string()),
  enableAuth: v.optional(v.boolean()),
});

const option: v.GenericSchema<unknown, DHCPOption> = v.object({ option: v.string(), value: v.string() });

const reservation: v.GenericSchema<unknown, DHCPReservation> = v.object({
  ref: v.optional(v.string()),
  name: v.string(),
  clientIdentifier: v.string(),
  addresses: v.array(v.string()),
  description: v.optional(v.string()),
  type: v.optional(v.string()),
});

const objectSummary: v.GenericSchema<unknown, ObjectSummary> = v.object({ ref: v.string(), objType: v.optional(v.string()), name: v.string() });

/** A range: its name is the network the extension needs; the rest is shown or ignored. */
const range: v.GenericSchema<unknown, IPAMRange> = v.object({
  ref: v.string(),
  name: v.string(),
  from: v.string(),
  to: v.string(),
  subnet: v.optional(v.boolean()),
  locked: v.optional(v.boolean()),
  autoAssign: v.optional(v.boolean()),
  isContainer: v.optional(v.boolean()),
  parentRef: v.optional(v.string()),
  dhcpScopes: v.nullish(v.array(objectSummary), () => []),
  customProperties: v.optional(v.record(v.string(), v.string())),
});

const addressPool: v.GenericSchema<unknown, DHCPAddressPool> = v.object({
  ref: v.string(),
  name: v.optional(v.string()),
  from: v.string(),
  to: v.string(),
  dhcpScopeRef: v.string(),
});

const exclusion: v.GenericSchema<unknown, DHCPExclusion> = v.object({
  ref: v.string(),
  name: v.optional(v.string()),
  from: v.string(),
  to: v.string(),
  dhcpScopeRef: v.string(),
});

/** A listing: its items (none when the key is missing or null) and the total, when Micetro tells it. */
export interface ListAnswer<T> {
  items: T[];
  totalResults?: number;
}

/** `{<key>: [...], totalResults}` read as a ListAnswer; an issue inside names the item by its place in `items`. */
function listOf<T>(key: string, item: v.GenericSchema<unknown, T>): v.GenericSchema<unknown, ListAnswer<T>> {
  return v.pipe(
    v.looseObject({}),
    v.transform((answer) => ({ items: answer[key], totalResults: answer.totalResults })),
    v.object({
      items: v.nullish(v.array(item), () => []),
      totalResults: v.optional(v.number()),
    }),
  );
}

export const serverListAnswer = listOf('dhcpServers', server);
export const scopeListAnswer = listOf('dhcpScopes', scope);
export const relationshipListAnswer = listOf('dhcpFailoverRelationships', relationship);
export const optionListAnswer = listOf('dhcpOptions', option);
export const reservationListAnswer = listOf('dhcpReservations', reservation);
export const rangeListAnswer = listOf('ranges', range);
export const poolListAnswer = listOf('dhcpAddressPools', addressPool);
export const exclusionListAnswer = listOf('dhcpExclusions', exclusion);

export const serverAnswer = v.object({ dhcpServer: server });
export const scopeAnswer = v.object({ dhcpScope: scope });
export const relationshipAnswer = v.object({ dhcpFailoverRelationship: relationship });
export const rangeAnswer = v.object({ range });
/** What a create answers: the new object's ref. */
export const refAnswer = v.object({ ref: v.string() });
/** What a login answers (its absence is reported as a failed login, not as a malformed answer). */
export const sessionAnswer = v.object({ session: v.optional(v.string()) });
/** What a write answers: any object (its content is not used). */
export const anyAnswer = v.unknown();

/** `answer` as `schema` reads it, or the error that says what is missing or wrong in Micetro's answer to `operation`. */
export function checkAnswer<T>(schema: v.GenericSchema<unknown, T>, answer: unknown, operation: string): T {
  const checked = v.safeParse(schema, answer);
  if (checked.success) return checked.output;
  const [issue] = checked.issues;
  const keys = (issue.path ?? []).map((item) => item.key);
  const field = keys.filter((key): key is string => typeof key === 'string' && key !== 'items').pop();
  const index = keys.find((key) => typeof key === 'number');
  const where = typeof index === 'number' ? ` (item ${index + 1} of the list)` : '';
  const message =
    field === undefined
      ? `Micetro's answer to ${operation} is ${issue.received}, not ${issue.expected}.`
      : issue.input === undefined
        ? `Micetro's answer to ${operation} has no ${field}${where}.`
        : `Micetro's answer to ${operation} has a ${field} that is ${issue.received}, not ${issue.expected}${where}.`;
  throw new MicetroUnexpectedAnswerError({ message, operation });
}
