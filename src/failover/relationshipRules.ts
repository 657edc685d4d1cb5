// Validation of a failover relationship's parameters: one set of rules for the simulator, the extension
// and the webview wizard. Each issue names the field and says what to change.
import {
  FAILOVER_MODES,
  MAX_RELATIONSHIPS_PER_SERVER,
  MAX_RELATIONSHIP_NAME_LENGTH,
  MAX_SECONDS,
  type FailoverMode,
} from './defaults';

export interface RelationshipDraft {
  name: string;
  primaryServer: string;
  secondaryServer: string;
  failoverMode: string;
  percentage: number;
  mclt: number;
  safePeriod: number;
}

export type RelationshipField = keyof RelationshipDraft;

/** Which rule an issue breaks, so the simulator can answer with the matching Windows error. */
export type RelationshipRule =
  | 'nameRequired'
  | 'nameTooLong'
  | 'nameInvalid'
  | 'nameNotUnique'
  | 'serverRequired'
  | 'serverUnknown'
  | 'serverNotMicrosoft'
  | 'serversSame'
  | 'maxRelationships'
  | 'modeInvalid'
  | 'percentageRange'
  | 'mcltRange'
  | 'safePeriodRange';

export interface ValidationIssue {
  field: RelationshipField;
  rule: RelationshipRule;
  message: string;
}

/** What the rules need to know about the servers; every member is optional so a form can check what it knows. */
export interface RelationshipContext {
  /** The server's type (`MSDHCP` for Microsoft), or undefined when no such server exists. */
  serverType?(server: string): string | undefined;
  /** Names of the relationships a server already takes part in. */
  relationshipNames?(server: string): readonly string[];
}

/** Windows refuses names with control characters (relationship and scope names alike). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function isWholeNumber(value: number): boolean {
  return Number.isInteger(value);
}

/** Every rule a new relationship breaks, in the order Windows checks them. */
export function validateRelationship(draft: RelationshipDraft, context: RelationshipContext = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (field: RelationshipField, rule: RelationshipRule, message: string) => issues.push({ field, rule, message });

  const servers: Array<['primaryServer' | 'secondaryServer', string, string]> = [
    ['primaryServer', draft.primaryServer, 'primary'],
    ['secondaryServer', draft.secondaryServer, 'partner'],
  ];
  for (const [field, server, role] of servers) {
    if (!server.trim()) {
      add(field, 'serverRequired', `Choose the ${role} server.`);
      continue;
    }
    if (!context.serverType) continue;
    const type = context.serverType(server);
    if (type === undefined) add(field, 'serverUnknown', `There is no DHCP server named "${server}".`);
    else if (type !== 'MSDHCP') add(field, 'serverNotMicrosoft', `"${server}" is a ${type} server; failover relationships here need two Microsoft DHCP servers.`);
  }
  if (draft.primaryServer.trim() && draft.primaryServer === draft.secondaryServer) {
    add('secondaryServer', 'serversSame', 'The partner must be a different server from the primary.');
  }

  if (!FAILOVER_MODES.includes(draft.failoverMode as FailoverMode)) {
    add('failoverMode', 'modeInvalid', 'Choose Load balance or Hot standby.');
  }

  const name = draft.name;
  if (!name.trim()) add('name', 'nameRequired', 'Enter a name for the relationship.');
  else if (name.length > MAX_RELATIONSHIP_NAME_LENGTH) {
    add('name', 'nameTooLong', `Use at most ${MAX_RELATIONSHIP_NAME_LENGTH} characters (this name has ${name.length}).`);
  } else if (CONTROL_CHARACTERS.test(name) || name !== name.trim()) {
    add('name', 'nameInvalid', 'Remove control characters and leading or trailing spaces from the name.');
  } else if (context.relationshipNames) {
    for (const server of [draft.primaryServer, draft.secondaryServer]) {
      // Names compare without case, as Windows does; the message quotes the name as it exists.
      const existing = server ? context.relationshipNames(server).find((other) => other.toLowerCase() === name.toLowerCase()) : undefined;
      if (existing !== undefined) {
        const spelled = existing === name ? '' : ` (names are compared without regard to case)`;
        add('name', 'nameNotUnique', `"${server}" already has a relationship named "${existing}"${spelled}; names must be unique on both servers.`);
        break;
      }
    }
  }

  if (context.relationshipNames) {
    for (const [field, server] of servers) {
      if (server && context.relationshipNames(server).length >= MAX_RELATIONSHIPS_PER_SERVER) {
        add(field, 'maxRelationships', `"${server}" already has ${MAX_RELATIONSHIPS_PER_SERVER} failover relationships, the most a server can have.`);
      }
    }
  }

  issues.push(...validateParameters(draft));
  return issues;
}

/** Rules on the numbers alone (what Modify may change). */
export function validateParameters(draft: Pick<RelationshipDraft, 'failoverMode' | 'percentage' | 'mclt' | 'safePeriod'>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const what = draft.failoverMode === 'HotStandby' ? 'The reserve for the standby server' : "The local server's share";
  if (!isWholeNumber(draft.percentage) || draft.percentage < 0 || draft.percentage > 100) {
    issues.push({ field: 'percentage', rule: 'percentageRange', message: `${what} must be a whole number from 0 to 100 %.` });
  }
  const limit = `at most ${MAX_SECONDS} seconds (about 136 years)`;
  if (!isWholeNumber(draft.mclt) || draft.mclt <= 0) {
    issues.push({ field: 'mclt', rule: 'mcltRange', message: 'The maximum client lead time must be a whole number of seconds, more than 0 seconds.' });
  } else if (draft.mclt > MAX_SECONDS) {
    issues.push({ field: 'mclt', rule: 'mcltRange', message: `The maximum client lead time must be ${limit}.` });
  }
  if (!isWholeNumber(draft.safePeriod) || draft.safePeriod < 0) {
    issues.push({ field: 'safePeriod', rule: 'safePeriodRange', message: 'The state switchover interval must be 0 (off) or a positive number of whole seconds.' });
  } else if (draft.safePeriod > MAX_SECONDS) {
    issues.push({ field: 'safePeriod', rule: 'safePeriodRange', message: `The state switchover interval must be ${limit}.` });
  }
  return issues;
}

/** The first message for each field, the shape a form shows next to its inputs. */
export function messagesByField(issues: readonly ValidationIssue[]): Partial<Record<RelationshipField, string>> {
  const byField: Partial<Record<RelationshipField, string>> = {};
  for (const issue of issues) byField[issue.field] ??= issue.message;
  return byField;
}
