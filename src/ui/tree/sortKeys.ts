// Orders scopes by network address (10.2.0.0 before 10.10.0.0), not by text.
import { parseNetwork } from '../../failover';

export function compareScopeNames(a: string, b: string): number {
  const first = parseNetwork(a)?.first ?? Number.MAX_SAFE_INTEGER;
  const second = parseNetwork(b)?.first ?? Number.MAX_SAFE_INTEGER;
  return first - second || a.localeCompare(b);
}

export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}
