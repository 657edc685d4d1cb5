// The internal CA file: only PEM certificates are accepted, anything else is an error naming the file.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCaFile } from '../../src/api/caFile';

describe('CA file', () => {
  let folder: string;
  let cert: string;
  let key: string;

  before(function () {
    this.timeout(20000);
    folder = mkdtempSync(join(tmpdir(), 'micetro-ca-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Test CA', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')], {
      stdio: 'ignore',
    });
    cert = readFileSync(join(folder, 'cert.pem'), 'utf8');
    key = readFileSync(join(folder, 'key.pem'), 'utf8');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const file = (name: string, content: string | Buffer) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };

  it('returns every PEM certificate of the file', () => {
    assert.deepEqual(readCaFile(file('one.pem', cert)), [cert.trim()]);
    assert.equal(readCaFile(file('bundle.pem', `# internal roots\n${cert}\n${cert}`)).length, 2);
  });

  it('names the file and says what is wrong when it holds no usable certificate', () => {
    const der = execFileSync('openssl', ['x509', '-in', join(folder, 'cert.pem'), '-outform', 'DER']);
    const cases: [string, string | Buffer, RegExp][] = [
      ['binary.cer', der, /holds no PEM certificate; export the CA certificate as PEM/],
      ['empty.pem', '', /holds no PEM certificate/],
      ['key.pem', key, /holds a PRIVATE KEY as its block 1; it should hold only CA certificates/],
      ['mixed.pem', `${cert}\n${key}`, /holds a PRIVATE KEY as its block 2/],
      ['damaged.pem', cert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA'), /holds a damaged certificate as its block 1/],
    ];
    for (const [name, content, problem] of cases) {
      const path = file(name, content);
      assert.throws(() => readCaFile(path), (error: Error) => {
        assert.ok(error.message.startsWith(`The CA file "${path}" (setting dhcpFailover.caFile)`), error.message);
        assert.match(error.message, problem);
        return true;
      }, name);
    }
    assert.throws(() => readCaFile(join(folder, 'missing.pem')), /The CA file ".*missing\.pem" \(setting dhcpFailover\.caFile\) cannot be read: ENOENT/);
  });
});
