// Which hosts are this machine: requests to them never go through a proxy, and clear text to them never leaves it.
import ipaddr from 'ipaddr.js';

/** `localhost` (and `*.localhost`), 127.0.0.0/8, ::1 and IPv4-mapped 127.x; a URL's `hostname` may keep IPv6 brackets. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (!ipaddr.isValid(host)) return false;
  const address = ipaddr.process(host);
  return address.range() === 'loopback';
}
