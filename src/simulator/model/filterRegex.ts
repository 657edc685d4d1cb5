// Regular expressions from list filters (`name:^dhcp-`) are user input run on the event loop of the simulator,
// which in the extension is the extension host. A crafted pattern must not block it: patterns that are long or
// that safe-regex2 flags (nested quantifiers such as `(a+)+`) are refused up front, and matching runs under a
// time limit, which also cuts short the patterns no static check catches (`(a|a)*$`, `a*a*a*…$`).
import { createContext, runInContext, type Context } from 'node:vm';
import safeRegex from 'safe-regex2';
import { invalidParameter } from './windowsErrors';

/** Real filters are a prefix, a suffix or a few alternatives; 200 characters leave room for that. */
const MAX_FILTER_REGEX_LENGTH = 200;

/**
 * About ten times what a regex filter over the `large` inventory (50,000 scopes) takes (7–23 ms measured), so a
 * busy machine does not refuse honest filters; 25 times less than the 5 s a crafted filter blocked for.
 */
const FILTER_TIME_LIMIT_MS = 200;

/** The case-insensitive RegExp of filter term `term`, or a 400 that names the term and says what to change. */
export function filterRegex(pattern: string, term: string): RegExp {
  if (pattern.length > MAX_FILTER_REGEX_LENGTH) {
    throw invalidParameter(`The regular expression in the filter term "${term}" is ${pattern.length} characters long; use at most ${MAX_FILTER_REGEX_LENGTH}.`);
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'i');
  } catch {
    throw invalidParameter(`The filter term "${term}" has an invalid regular expression.`);
  }
  if (!safeRegex(regex)) {
    throw invalidParameter(
      `The regular expression in the filter term "${term}" can take exponential time (a repeated group inside a repetition, or too many repetitions); write it without nesting, e.g. ^(a+)+$ as ^a+$.`,
    );
  }
  return regex;
}

let sandbox: Context | undefined;

/**
 * Runs `match` (the filtering of a list) and refuses the filter when it takes longer than the time limit. V8
 * interrupts a running regular expression only through a vm timeout, hence the context.
 */
export function withinFilterTimeLimit<T>(match: () => T): T {
  sandbox ??= createContext({});
  sandbox.match = match;
  try {
    return runInContext('match()', sandbox, { timeout: FILTER_TIME_LIMIT_MS }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw invalidParameter(`The filter took longer than ${FILTER_TIME_LIMIT_MS} ms and was stopped; use a simpler regular expression (a plain prefix such as ^dhcp- is fastest).`);
    }
    throw error;
  } finally {
    sandbox.match = undefined;
  }
}
