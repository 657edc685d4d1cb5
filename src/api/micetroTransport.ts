// How the client's requests reach Micetro: the agent (direct or through a proxy) and TLS options that no
// environment variable can loosen. The TLS options go on every request, not only on the agent, because VS Code's
// extension host may swap the agent for its own proxy agent (`http.proxySupport`); the request's options still
// reach whichever socket is opened to Micetro.
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import * as tls from 'node:tls';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { proxyFor, type ProxySettings } from './proxyRoute';

export interface TransportOptions {
  /** PEM certificates of an internal CA, trusted besides Node's bundled roots (never instead of them). */
  ca?: readonly string[];
  proxy?: ProxySettings;
  env?: NodeJS.ProcessEnv;
}

export interface MicetroTransport {
  /** The axios settings that route requests: `proxy: false` so axios never reads HTTP_PROXY itself. */
  routing: {
    proxy: false;
    httpAgent?: HttpAgent;
    httpsAgent?: HttpAgent;
    transport: { request(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest };
  };
  /** The proxy in use, when there is one. */
  via?: URL;
  /**
   * Whether the proxy answered this request's CONNECT with anything but 200: https-proxy-agent then hands that answer
   * (a 407, a 502…) to the request as if Micetro had sent it.
   */
  tunnelRefused(request: unknown): boolean;
  /** Closes the agent's sockets, the idle keep-alive ones and those in use. */
  destroy(): void;
}

/** What Node trusts by default (Node 22.15+ says, NODE_EXTRA_CA_CERTS included); older Node: its bundled roots. */
function defaultCertificates(): readonly string[] {
  const node = tls as typeof tls & { getCACertificates?: (which: 'default') => string[] };
  return node.getCACertificates?.('default') ?? tls.rootCertificates;
}

export function createMicetroTransport(baseUrl: string, options: TransportOptions = {}): MicetroTransport {
  const target = new URL(baseUrl);
  const via = proxyFor(target, options.proxy ?? {}, options.env);
  // Explicit, so NODE_TLS_REJECT_UNAUTHORIZED=0 has no effect on Micetro's certificate. Without a CA file no `ca` is
  // set, so Node keeps every store it would use anyway (NODE_EXTRA_CA_CERTS, the system's with --use-system-ca).
  const verified = options.ca?.length ? { rejectUnauthorized: true, ca: [...defaultCertificates(), ...options.ca] } : { rejectUnauthorized: true };
  // The proxy's own certificate follows http.proxyStrictSSL; that never touches Micetro's.
  const proxyTls = { rejectUnauthorized: options.proxy?.proxyStrictSSL ?? true, keepAlive: true };
  const secure = target.protocol === 'https:';
  const agent = via
    ? secure
      ? new HttpsProxyAgent(via, proxyTls)
      : new HttpProxyAgent(via, proxyTls)
    : secure
      ? new HttpsAgent({ ...verified, keepAlive: true })
      : new HttpAgent({ keepAlive: true });
  const refused = new WeakSet<object>();
  if (agent instanceof HttpsProxyAgent) {
    agent.on('proxyConnect', (connect: { statusCode?: number }, request: object) => {
      if (connect.statusCode !== 200) refused.add(request);
    });
  }
  return {
    routing: {
      proxy: false,
      ...(secure ? { httpsAgent: agent } : { httpAgent: agent }),
      transport: {
        request: (request, callback) =>
          request.protocol === 'https:' ? httpsRequest({ ...request, ...verified }, callback) : httpRequest(request, callback),
      },
    },
    via,
    tunnelRefused: (request) => typeof request === 'object' && request !== null && refused.has(request),
    destroy: () => agent.destroy(),
  };
}
