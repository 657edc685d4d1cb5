// What Connect to Micetro… makes of the address a person types or pastes.
import assert from 'node:assert/strict';
import { parseMicetroUrl } from '../../src/api/micetroUrl';

describe('parseMicetroUrl', () => {
  it('takes an https:// or http:// address as it is, without a trailing slash', () => {
    assert.deepEqual(parseMicetroUrl('https://micetro.example.com'), { ok: true, url: 'https://micetro.example.com' });
    assert.deepEqual(parseMicetroUrl('  https://micetro.example.com:8443/  '), { ok: true, url: 'https://micetro.example.com:8443' });
    assert.deepEqual(parseMicetroUrl('http://127.0.0.1:8089'), { ok: true, url: 'http://127.0.0.1:8089' });
    assert.deepEqual(parseMicetroUrl('https://[::1]:8443'), { ok: true, url: 'https://[::1]:8443' });
  });

  it('cuts a pasted /mmws or /mmws/api back to the address the client adds it to', () => {
    for (const pasted of ['https://micetro.example.com/mmws', 'https://micetro.example.com/mmws/api', 'https://micetro.example.com/mmws/api/', 'https://micetro.example.com/MMWS/API']) {
      assert.deepEqual(parseMicetroUrl(pasted), { ok: true, url: 'https://micetro.example.com' }, pasted);
    }
  });

  it('keeps a path prefix in front of the API (a reverse proxy), with or without the pasted suffix', () => {
    assert.deepEqual(parseMicetroUrl('https://gateway.example.com/ipam/'), { ok: true, url: 'https://gateway.example.com/ipam' });
    assert.deepEqual(parseMicetroUrl('https://gateway.example.com/ipam/mmws/api'), { ok: true, url: 'https://gateway.example.com/ipam' });
    assert.deepEqual(parseMicetroUrl('https://gateway.example.com/mmws-proxy'), { ok: true, url: 'https://gateway.example.com/mmws-proxy' });
  });

  it('refuses credentials in the URL, and says to leave them out, without echoing them', () => {
    for (const typed of ['https://admin:secret@micetro.example.com', 'https://admin@micetro.example.com', 'https://:secret@micetro.example.com']) {
      const parsed = parseMicetroUrl(typed);
      assert.equal(parsed.ok, false, typed);
      assert.equal(parsed.ok ? '' : parsed.problem, 'Leave the user name and password out of the URL');
    }
  });

  it('refuses another scheme and says which ones it takes', () => {
    for (const typed of ['ftp://micetro.example.com', 'file:///etc/passwd', 'micetro.example.com:443', 'javascript:alert(1)']) {
      assert.deepEqual(parseMicetroUrl(typed), { ok: false, problem: 'The URL must start with https:// (or http://)' }, typed);
    }
  });

  it('refuses what is not a URL at all with an example of one', () => {
    for (const typed of ['', '   ', 'micetro.example.com', 'not a url', 'https://']) {
      assert.deepEqual(parseMicetroUrl(typed), { ok: false, problem: 'Enter a URL such as https://micetro.example.com' }, JSON.stringify(typed));
    }
  });
});
