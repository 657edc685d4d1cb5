// Reading command parameters of unknown shape; anything malformed is an ERROR_INVALID_PARAMETER answer,
// never a TypeError.
import { invalidParameter } from './windowsErrors';

export type Params = Record<string, unknown>;

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);

/**
 * The longest text any parameter may carry unless its field says otherwise: above every ref, DNS name (253) and
 * client identifier, far below what would make every later save slow. Field limits: fieldLimits.ts.
 */
export const MAX_TEXT_LENGTH = 1024;

/** `value` unless it is longer than `max` characters; the 400 names the field and the limit. */
export function limitLength(value: string, field: string, max: number): string {
  if (value.length > max) throw invalidParameter(`Parameter ${field} is ${value.length} characters long; at most ${max} are allowed.`);
  return value;
}

export function isRecord(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireString(params: Params, key: string, what: string, maxLength = MAX_TEXT_LENGTH): string {
  const value = params[key];
  if (typeof value !== 'string' || !value.trim()) {
    throw invalidParameter(value === undefined ? `Missing parameter ${key} (${what}).` : `Parameter ${key} must be ${what}, got ${describe(value)}.`);
  }
  return limitLength(value, key, maxLength);
}

export function optionalString(params: Params, key: string, what: string, maxLength = MAX_TEXT_LENGTH): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(`Parameter ${key} must be ${what}, got ${describe(value)}.`);
  return limitLength(value, key, maxLength);
}

export function requireStringList(params: Params, key: string, what: string): string[] {
  const value = params[key];
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string' && item.trim())) {
    throw invalidParameter(
      value === undefined ? `Missing parameter ${key} (${what}).` : `Parameter ${key} must be a non-empty list of ${what}.`,
    );
  }
  (value as string[]).forEach((item, index) => limitLength(item, `${key}[${index}]`, MAX_TEXT_LENGTH));
  return [...new Set(value as string[])];
}

export function requireRecord(params: Params, key: string, what: string): Params {
  const value = params[key];
  if (!isRecord(value)) {
    throw invalidParameter(value === undefined ? `Missing parameter ${key} (${what}).` : `Parameter ${key} must be ${what}, got ${describe(value)}.`);
  }
  return value;
}

/** One of `choices` (case-insensitive), returned in its canonical spelling. */
export function optionalChoice<T extends string>(params: Params, key: string, choices: readonly T[]): T | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  const match = typeof value === 'string' ? choices.find((choice) => choice.toLowerCase() === value.toLowerCase()) : undefined;
  if (!match) throw invalidParameter(`Parameter ${key} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}.`);
  return match;
}

/** Any number (range rules come later, with their own messages); undefined when absent. */
export function optionalNumber(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidParameter(`Parameter ${key} must be a number, got ${describe(value)}.`);
  }
  return value;
}
