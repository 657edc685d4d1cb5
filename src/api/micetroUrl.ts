// Micetro's base URL from what a person types or pastes: the client adds `/mmws/api` itself, so a pasted API URL is
// cut back to the address it lives under, and a path prefix in front of it (a reverse proxy's) is kept.

export type MicetroUrl = { ok: true; url: string } | { ok: false; problem: string };

export function parseMicetroUrl(text: string): MicetroUrl {
  let parsed: URL;
  try {
    parsed = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'Enter a URL such as https://micetro.example.com' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, problem: 'The URL must start with https:// (or http://)' };
  // The password would end up in settings and logs; it belongs in the secret store, asked for separately.
  if (parsed.username || parsed.password) return { ok: false, problem: 'Leave the user name and password out of the URL' };
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/mmws(\/api)?$/i, '');
  return { ok: true, url: `${parsed.origin}${path}` };
}
