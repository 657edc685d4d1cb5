// Which requests go through a proxy: loopback never, then http.noProxy / NO_PROXY, http.proxy, the environment (as curl
// reads it: the variable of the target's scheme, else ALL_PROXY).
import { strict as assert } from 'node:assert';
import { isLoopbackHost } from '../../src/api/loopback';
import { describeProxy, proxyFor } from '../../src/api/proxyRoute';

const PROXY = 'http://proxy.corp.example:3128';
const route = (url: string, settings: Parameters<typeof proxyFor>[1] = {}, env: NodeJS.ProcessEnv = {}) => proxyFor(new URL(url), settings, env)?.href;

describe('proxy route', () => {
  it('never proxies this machine, whatever the settings and the environment say', () => {
    const env = { HTTP_PROXY: PROXY, HTTPS_PROXY: PROXY, http_proxy: PROXY, https_proxy: PROXY };
    for (const url of [
      'http://127.0.0.1:8089',
      'https://127.9.8.7',
      'http://localhost:1234',
      'http://LOCALHOST.:1234',
      'http://sim.localhost',
      'http://[::1]:8089',
      'http://[::ffff:127.0.0.1]:8089',
      'http://[0:0:0:0:0:0:0:1]',
    ]) {
      assert.equal(route(url, { proxy: PROXY }, env), undefined, url);
      assert.ok(isLoopbackHost(new URL(url).hostname), url);
    }
    for (const host of ['10.0.0.1', '128.0.0.1', 'micetro.example.com', 'localhost.example.com', '[::2]', '0.0.0.0']) {
      assert.ok(!isLoopbackHost(host), host);
    }
  });

  it('uses http.proxy first, then the variable of the target\'s scheme (lower case first), then ALL_PROXY', () => {
    const secure = 'https://micetro.example.com';
    const plain = 'http://micetro.example.com';
    const both = { HTTPS_PROXY: 'http://secure:1', HTTP_PROXY: 'http://plain:1' };
    assert.equal(route(secure, { proxy: PROXY }, { HTTPS_PROXY: 'http://env:1' }), `${PROXY}/`);
    assert.equal(route(secure, {}, { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1' }), 'http://lower:1/');
    assert.equal(route(plain, {}, { HTTP_PROXY: 'http://upper:1', http_proxy: 'http://lower:1' }), 'http://lower:1/');
    assert.equal(route(secure, {}, both), 'http://secure:1/');
    assert.equal(route(plain, {}, both), 'http://plain:1/', 'an http:// Micetro does not take HTTPS_PROXY');
    assert.equal(route(secure, {}, { HTTP_PROXY: 'http://plain:1', http_proxy: 'http://plain:1' }), undefined, 'nor an https:// one HTTP_PROXY (curl)');
    assert.equal(route(plain, {}, { HTTPS_PROXY: 'http://secure:1', https_proxy: 'http://secure:1' }), undefined);
    for (const url of [secure, plain]) {
      assert.equal(route(url, {}, { ALL_PROXY: 'http://all:1', all_proxy: 'http://lower-all:1' }), 'http://lower-all:1/', url);
      assert.equal(route(url, {}, { ...both, ALL_PROXY: 'http://all:1' }), url === secure ? 'http://secure:1/' : 'http://plain:1/', 'the scheme\'s variable wins');
    }
    assert.equal(route(secure, {}, { https_proxy: '  ', HTTPS_PROXY: 'http://upper:1' }), 'http://upper:1/', 'a blank variable counts as unset');
    assert.equal(route(secure, { proxy: '  ' }, {}), undefined, 'no proxy anywhere: direct');
    assert.equal(route(secure, { proxy: 'proxy.corp.example:3128' }), `${PROXY}/`, 'a proxy written without a scheme is http://');
  });

  it('reaches the hosts of http.noProxy (or, when that is empty, NO_PROXY) directly', () => {
    const settings = (noProxy: string[]) => ({ proxy: PROXY, noProxy });
    assert.equal(route('https://micetro.corp.example', settings(['micetro.corp.example'])), undefined, 'exact host');
    assert.equal(route('https://micetro.corp.example', settings(['.corp.example'])), undefined, '.domain');
    assert.equal(route('https://micetro.corp.example', settings(['corp.example'])), undefined, 'domain covers its subdomains');
    assert.equal(route('https://badcorp.example', settings(['corp.example'])), `${PROXY}/`, 'but not a longer name');
    assert.equal(route('https://micetro.corp.example:8443', settings(['micetro.corp.example:8443'])), undefined, 'host:port');
    assert.equal(route('https://micetro.corp.example', settings(['micetro.corp.example:8443'])), `${PROXY}/`, 'another port');
    assert.equal(route('https://10.20.30.40', settings(['10.20.0.0/16'])), undefined, 'CIDR');
    assert.equal(route('https://10.21.30.40', settings(['10.20.0.0/16'])), `${PROXY}/`);
    assert.equal(route('https://anything.example', settings(['*'])), undefined, '* turns the proxy off');
    assert.equal(route('https://micetro.corp.example', { proxy: PROXY }, { NO_PROXY: 'other.example, .corp.example' }), undefined, 'NO_PROXY');
    assert.equal(
      route('https://micetro.corp.example', settings(['other.example']), { NO_PROXY: '.corp.example' }),
      `${PROXY}/`,
      'http.noProxy, when set, replaces NO_PROXY (as in VS Code)',
    );
  });

  it('refuses a proxy it cannot use with a message naming where it came from, without its password', () => {
    assert.throws(() => route('https://micetro.example.com', { proxy: 'socks5://user:pw1@proxy:1080' }), (error: Error) => {
      assert.match(error.message, /http\.proxy is socks5:\/\/proxy:1080; only http:\/\/ and https:\/\/ proxies/);
      assert.doesNotMatch(error.message, /pw1/);
      return true;
    });
    assert.throws(() => route('https://micetro.example.com', {}, { HTTPS_PROXY: 'http://[bad' }), /the environment variable HTTPS_PROXY is not a URL/);
    assert.throws(() => route('http://micetro.example.com', {}, { all_proxy: 'socks5://proxy:1080' }), /the environment variable all_proxy is socks5:\/\/proxy:1080/);
    assert.equal(describeProxy(new URL('http://user:secret@proxy:3128')), 'http://proxy:3128');
  });
});
