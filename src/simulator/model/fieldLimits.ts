// The longest text the simulator stores in each free-text field. Windows documents no limit for most of them,
// so each is chosen to be plausible for Windows DHCP and Micetro and to keep the data file small: one 47 MB
// description once made every later save slow. Shorter limits that Windows does document live with their
// rules (relationship names 126, defaults.ts; scope names 255, scopeRules.ts).
import { MAX_SCOPE_NAME_LENGTH } from '../../failover';

/** Superscope and reservation names: the same 255 as a scope name (the DHCP console's name fields). */
export const MAX_NAME_LENGTH = MAX_SCOPE_NAME_LENGTH;

/** Scope and reservation descriptions: a line or a short paragraph; the console shows one line. */
export const MAX_DESCRIPTION_LENGTH = 1024;

/**
 * A DHCP option value as text. On the wire one option carries at most 255 bytes; as text (e.g. a list of DNS
 * server addresses, 16 characters each) that stays well below this.
 */
export const MAX_OPTION_VALUE_LENGTH = 1024;

/** DHCP has 254 option codes (1–254), so a scope cannot carry more options than that. */
export const MAX_OPTIONS = 254;

/** The failover shared secret (never stored, only whether there is one; still bounded like every input). */
export const MAX_SHARED_SECRET_LENGTH = 255;
