// Whether a request to Micetro goes through a proxy, and which one. Loopback is always direct, so the built-in
// simulator's credentials never reach a proxy. Otherwise `http.noProxy` (or, when that is empty, NO_PROXY), then
// `http.proxy`, then the environment as curl reads it: the variable of the target's scheme (https_proxy for https://,
// http_proxy for http://, lower case first), else ALL_PROXY; an https:// Micetro never falls back to http_proxy.
import { BlockList, isIP } from 'node:net';
import { isLoopbackHost } from './loopback';

/** VS Code's proxy settings, passed in as data. */
export interface ProxySettings {
  /** `http.proxy`; empty means the environment decides. */
  proxy?: string;
  /** `http.noProxy`: hosts, `.domain` suffixes, `host:port`, IPs or CIDRs reached directly; `*` for all. */
  noProxy?: readonly string[];
  /** `http.proxyStrictSSL`: verify an https:// proxy's own certificate (never Micetro's, which is always verified). */
  proxyStrictSSL?: boolean;
}

/** The proxy for `target`, or undefined for a direct connection. Throws when the configured proxy is not usable. */
export function proxyFor(target: URL, settings: ProxySettings, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopbackHost(host)) return undefined;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const configured = (settings.noProxy ?? []).map((entry) => entry.trim()).filter(Boolean);
  const bypass = configured.length ? configured : (env.no_proxy ?? env.NO_PROXY ?? '').split(',');
  if (bypassed(host, port, bypass)) return undefined;
  const setting = settings.proxy?.trim();
  if (setting) return parseProxyUrl(setting, 'the setting http.proxy');
  const scheme = target.protocol === 'https:' ? 'https' : 'http';
  for (const name of [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`, 'all_proxy', 'ALL_PROXY']) {
    const value = env[name]?.trim();
    if (value) return parseProxyUrl(value, `the environment variable ${name}`);
  }
  return undefined;
}

/** A proxy URL for messages and logs: its user name and password left out. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

function parseProxyUrl(text: string, source: string): URL {
  let proxy: URL;
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new Error(`The proxy in ${source} is not a URL; write it as http://proxy.example.com:8080.`);
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new Error(`The proxy in ${source} is ${proxy.protocol}//${proxy.host}; only http:// and https:// proxies are supported for Micetro.`);
  }
  return proxy;
}

function bypassed(host: string, port: string, entries: readonly string[]): boolean {
  const ipVersion = isIP(host);
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry === host || entry === `${host}:${port}`) return true;
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    if (ipVersion && cidr && isIP(cidr[1]) === ipVersion) {
      const list = new BlockList();
      list.addSubnet(cidr[1], Number(cidr[2]), ipVersion === 4 ? 'ipv4' : 'ipv6');
      if (list.check(host, ipVersion === 4 ? 'ipv4' : 'ipv6')) return true;
      continue;
    }
    // `example.com` and `.example.com` both cover the domain and its subdomains, not `badexample.com`.
    const domain = entry.replace(/^\*?\./, '');
    if (!ipVersion && (host === domain || host.endsWith(`.${domain}`))) return true;
  }
  return false;
}
