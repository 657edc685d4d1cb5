// Micetro list queries: `filter` terms joined by ` AND ` (any case), each `field=value` (exact), `field=@value`
// (contains), `field=^value` (starts with), `field=$value` (ends with) or `field:regex`, `!=` instead of `=` for
// the opposite; all case-insensitive, as on a real Micetro. A value is quoted (`name="London office"`; inside,
// `\"` is a quote, `\\` a backslash and any other backslash stays) or runs to the next ` AND `. Then
// `sortBy`/`sortOrder`, then `offset`/`limit`; `totalResults` counts every match, before paging.
//
// An unquoted `field=^…` is read as a regular expression, as Micetro's own example `name=^test.menandmice` and
// the simulator's clients before the quoted forms existed write it: for a plain prefix both readings agree, and
// a prefix with regex characters (`^10\.0\.`) keeps working. A quoted value after `^` is literal text, so
// `name=^"a.b (1)"` starts with exactly that.
import type { ListQuery } from '../backend';
import { filterRegex, withinFilterTimeLimit } from './filterRegex';
import { invalidParameter } from './windowsErrors';

/** A handful of terms fits easily; the limit keeps every scan of the list cheap and every error message short. */
const MAX_FILTER_LENGTH = 2000;

export interface FilterTerm {
  /** The field as the accessor table spells it. */
  field: string;
  op: 'eq' | 'contains' | 'startsWith' | 'endsWith' | 'regex';
  /** `!=`: the item matches when the comparison fails. */
  negated: boolean;
  /** Lower case for the literal comparisons (normalized for `eq`); the pattern for `regex`. */
  value: string;
  regex?: RegExp;
}

export type FieldValue = string | number | boolean;

export interface FieldAccessor<T> {
  get: (item: T) => FieldValue;
  /** Turns an exact filter value into the form `get` returns (e.g. a server name into its ref). */
  normalize?: (value: string) => string;
}

export type FieldTable<T> = Record<string, FieldAccessor<T>>;

/** One term as written: `text` for messages, the value unquoted. */
interface TermText {
  text: string;
  field: string;
  operator: '=' | '!=' | ':';
  /** `@`, `^` or `$` right after `=` or `!=`, else empty. */
  mode: string;
  value: string;
  quoted: boolean;
}

const TERM_HEAD = /\s*([A-Za-z][A-Za-z0-9_]*)\s*(!=|=|:)\s*/y;
const SEPARATOR = /\s+AND\s+/gi;
const TERM_SHAPES = 'write field=value, field=@value, field=^value, field=$value, field!=value or field:regex, a value optionally in double quotes';

const unreadable = (text: string) => invalidParameter(`Cannot read the filter term "${text.trim()}"; ${TERM_SHAPES}.`);

/** The quoted value starting at `filter[open]` (a `"`) and the index after its closing quote. */
function readQuoted(filter: string, open: number): { value: string; end: number } {
  let value = '';
  for (let at = open + 1; at < filter.length; at++) {
    const ch = filter[at];
    if (ch === '"') return { value, end: at + 1 };
    if (ch === '\\' && (filter[at + 1] === '"' || filter[at + 1] === '\\')) at++;
    value += filter[at];
  }
  throw invalidParameter(`The filter value starting at ${filter.slice(open, open + 40)} has no closing double quote; write a quote inside a value as \\".`);
}

/** Where the term going on at `at` ends and the next one starts: at the next ` AND `, else at the end. */
function nextSeparator(filter: string, at: number): { end: number; next: number } {
  SEPARATOR.lastIndex = at;
  const found = SEPARATOR.exec(filter);
  return found ? { end: found.index, next: SEPARATOR.lastIndex } : { end: filter.length, next: filter.length };
}

/** The terms of a filter, left to right. */
function readTerms(filter: string): TermText[] {
  const terms: TermText[] = [];
  let at = 0;
  while (filter.slice(at).trim()) {
    const start = at;
    TERM_HEAD.lastIndex = at;
    const head = TERM_HEAD.exec(filter);
    if (!head) throw unreadable(filter.slice(start, nextSeparator(filter, start).end));
    at = TERM_HEAD.lastIndex;
    const operator = head[2] as TermText['operator'];
    const mode = operator !== ':' && '@^$'.includes(filter[at] ?? '') ? filter[at] : '';
    at += mode.length;
    const quoted = filter[at] === '"';
    let value: string;
    let end: number;
    if (quoted) {
      const read = readQuoted(filter, at);
      const separator = nextSeparator(filter, read.end);
      if (filter.slice(read.end, separator.end).trim()) throw unreadable(filter.slice(start, separator.end));
      value = read.value;
      end = read.end;
      at = separator.next;
    } else {
      const separator = nextSeparator(filter, at);
      value = filter.slice(at, separator.end).trim();
      end = separator.end;
      at = separator.next;
    }
    terms.push({ text: filter.slice(start, end).trim(), field: head[1], operator, mode, value, quoted });
  }
  return terms;
}

const LITERAL_MODES = { '': 'eq', '@': 'contains', '^': 'startsWith', $: 'endsWith' } as const;

/** Parses a filter against the fields of one resource; an unknown field or bad term is a 400. */
export function parseFilter<T>(filter: string | undefined, fields: FieldTable<T>): FilterTerm[] {
  if (filter === undefined || !filter.trim()) return [];
  if (filter.length > MAX_FILTER_LENGTH) throw invalidParameter(`The filter is ${filter.length} characters long; use at most ${MAX_FILTER_LENGTH}.`);
  return readTerms(filter).map((term) => {
    const field = Object.keys(fields).find((name) => name.toLowerCase() === term.field.toLowerCase());
    if (!field) throw invalidParameter(`Unknown filter field "${term.field}"; use one of ${Object.keys(fields).join(', ')}.`);
    const negated = term.operator === '!=';
    if (term.operator === ':' || (term.mode === '^' && !term.quoted)) {
      const pattern = term.operator === ':' ? term.value : `^${term.value}`;
      return { field, op: 'regex', negated, value: pattern, regex: filterRegex(pattern, term.text) };
    }
    const op = LITERAL_MODES[term.mode as keyof typeof LITERAL_MODES];
    const normalize = op === 'eq' ? fields[field].normalize : undefined;
    return { field, op, negated, value: (normalize ? normalize(term.value) : term.value).toLowerCase() };
  });
}

/**
 * Exact terms on `field` read as "contains", as an unanchored regex-ish match would read them: `DHCPServers/1` then
 * also matches `DHCPServers/10` (quirk `partial-server-filter`).
 */
export function partialMatch(terms: readonly FilterTerm[], field: string): FilterTerm[] {
  return terms.map((term) => (term.field === field && term.op === 'eq' ? { ...term, op: 'contains' } : term));
}

function compare(actual: string, term: FilterTerm): boolean {
  switch (term.op) {
    case 'regex':
      return (term.regex as RegExp).test(actual);
    case 'contains':
      return actual.toLowerCase().includes(term.value);
    case 'startsWith':
      return actual.toLowerCase().startsWith(term.value);
    case 'endsWith':
      return actual.toLowerCase().endsWith(term.value);
    case 'eq':
      return actual.toLowerCase() === term.value;
  }
}

function matches<T>(item: T, terms: readonly FilterTerm[], fields: FieldTable<T>): boolean {
  return terms.every((term) => compare(String(fields[term.field].get(item)), term) !== term.negated);
}

function pageNumber(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
    throw invalidParameter(`${name} must be a whole number of 0 or more, got ${JSON.stringify(value)}.`);
  }
  return number;
}

/** Filters `candidates`, sorts and pages them; `terms` are from `parseFilter` (so callers can pick an index). */
export function runListQuery<T>(
  candidates: Iterable<T>,
  terms: readonly FilterTerm[],
  query: ListQuery,
  fields: FieldTable<T>,
): { items: T[]; totalResults: number } {
  const offset = pageNumber(query.offset, 'offset') ?? 0;
  const limit = pageNumber(query.limit, 'limit');
  const filterItems = () => {
    const matching: T[] = [];
    for (const item of candidates) if (matches(item, terms, fields)) matching.push(item);
    return matching;
  };
  let items = terms.some((term) => term.op === 'regex') ? withinFilterTimeLimit(filterItems) : filterItems();

  if (query.sortBy !== undefined && query.sortBy !== '') {
    const field = Object.keys(fields).find((name) => name.toLowerCase() === String(query.sortBy).toLowerCase());
    if (!field) throw invalidParameter(`Cannot sort by "${query.sortBy}"; use one of ${Object.keys(fields).join(', ')}.`);
    const order = String(query.sortOrder ?? 'Ascending').toLowerCase();
    if (order !== 'ascending' && order !== 'descending') {
      throw invalidParameter(`sortOrder must be Ascending or Descending, got "${query.sortOrder}".`);
    }
    const get = fields[field].get;
    const direction = order === 'descending' ? -1 : 1;
    items = items
      .map((item) => ({ item, key: get(item) }))
      .sort((a, b) => direction * compareValues(a.key, b.key))
      .map((entry) => entry.item);
  }
  const totalResults = items.length;
  return { items: items.slice(offset, limit === undefined ? undefined : offset + limit), totalResults };
}

function compareValues(a: FieldValue, b: FieldValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}
