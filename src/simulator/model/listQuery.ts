// Micetro list queries: `filter` terms joined with ` AND ` — `field=value` (exact), `field!=value`,
// `field:regex` or `field=^regex` (as `name:^test$`), values optionally in double quotes, case-insensitive —
// then `sortBy`/`sortOrder`, then `offset`/`limit`. `totalResults` counts before paging.
import type { ListQuery } from '../backend';
import { filterRegex, withinFilterTimeLimit } from './filterRegex';
import { invalidParameter } from './windowsErrors';

/** A handful of terms fits easily; the limit keeps every scan of the list cheap and every error message short. */
const MAX_FILTER_LENGTH = 2000;

export interface FilterTerm {
  /** The field as the accessor table spells it. */
  field: string;
  op: 'eq' | 'ne' | 'regex';
  value: string;
  regex?: RegExp;
}

export type FieldValue = string | number | boolean;

export interface FieldAccessor<T> {
  get: (item: T) => FieldValue;
  /** Turns a filter value into the form `get` returns (e.g. a server name into its ref). */
  normalize?: (value: string) => string;
}

export type FieldTable<T> = Record<string, FieldAccessor<T>>;

/** Splits on ` AND ` outside double quotes. */
function splitTerms(filter: string): string[] {
  const terms: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < filter.length; i++) {
    const ch = filter[i];
    if (ch === '"') quoted = !quoted;
    const separator = !quoted && /\s/.test(ch) ? /^\s+AND\s+/i.exec(filter.slice(i)) : null;
    if (separator) {
      terms.push(current);
      current = '';
      i += separator[0].length - 1;
      continue;
    }
    current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t.length > 0);
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** Parses a filter against the fields of one resource; an unknown field or bad term is a 400. */
export function parseFilter<T>(filter: string | undefined, fields: FieldTable<T>): FilterTerm[] {
  if (filter === undefined || !filter.trim()) return [];
  if (filter.length > MAX_FILTER_LENGTH) throw invalidParameter(`The filter is ${filter.length} characters long; use at most ${MAX_FILTER_LENGTH}.`);
  return splitTerms(filter).map((text) => {
    const match = /^([A-Za-z][A-Za-z0-9_]*)\s*(!=|=|:)\s*(.*)$/s.exec(text);
    if (!match) throw invalidParameter(`Cannot read the filter term "${text}"; write field=value, field!=value or field:regex.`);
    const field = Object.keys(fields).find((name) => name.toLowerCase() === match[1].toLowerCase());
    if (!field) throw invalidParameter(`Unknown filter field "${match[1]}"; use one of ${Object.keys(fields).join(', ')}.`);
    const value = unquote(match[3].trim());
    const op = match[2] === '!=' ? 'ne' : match[2] === ':' || value.startsWith('^') ? 'regex' : 'eq';
    if (op !== 'regex') {
      const normalize = fields[field].normalize;
      return { field, op, value: (normalize ? normalize(value) : value).toLowerCase() };
    }
    return { field, op, value, regex: filterRegex(value, text) };
  });
}

export function matches<T>(item: T, terms: readonly FilterTerm[], fields: FieldTable<T>): boolean {
  for (const term of terms) {
    const actual = String(fields[term.field].get(item));
    if (term.op === 'regex') {
      if (!(term.regex as RegExp).test(actual)) return false;
    } else if ((actual.toLowerCase() === term.value) !== (term.op === 'eq')) return false;
  }
  return true;
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
