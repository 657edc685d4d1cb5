// The README's simulator command and curl examples work as printed (on a free port instead of 8089).
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

/** A JSON-RPC answer; the results read are a login's session, a relationship list and new refs. */
interface Answer {
  result?: { session?: string; dhcpFailoverRelationships?: unknown[]; ref?: string };
  error?: unknown;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('README examples', () => {
  it('start the simulator and run the curl examples as printed', async function () {
    this.timeout(30000);
    // `NAME=value npm run simulator -- …`: the password comes from the environment, as the CLI takes it.
    const shown = /^((?:[A-Z_]+=\S+ )*)npm run simulator -- (.+)$/m.exec(README);
    assert.ok(shown, 'the README shows the simulator command');
    const [, assignments, command] = shown;
    const env = { ...process.env, ...Object.fromEntries(assignments.trim().split(/\s+/).filter(Boolean).map((pair) => pair.split(/=(.*)/s, 2) as [string, string])) };
    const examples = /<!-- curl-examples:start -->\s*```bash\n([\s\S]*?)```/.exec(README)?.[1];
    assert.ok(examples, 'the README has the curl examples');

    const port = await freePort();
    const args = command.trim().split(/\s+/).map((arg) => (arg === '8089' ? String(port) : arg)).filter((arg) => arg !== '--data' && arg !== './sim.json');
    const child = spawn(process.execPath, [resolve(ROOT, 'dist/simulator/cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    try {
      await new Promise<void>((ready, fail) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('listening on')) ready();
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', () => fail(new Error(`the simulator exited: ${output}`)));
      });
      // Run each curl command on its own and check its answer.
      const script = examples.replace(/8089/g, String(port));
      const apiLine = script.split('\n').find((line) => line.startsWith('API='))!;
      const commands = script
        .split(/\n(?=curl )/)
        .map((chunk) => chunk.replace(/^(#.*|API=.*)\n/gm, '').trim())
        .filter((chunk) => chunk.startsWith('curl '));
      assert.equal(commands.length, 8);
      // A machine whose environment names a proxy (for its package registry) must not route loopback through it.
      const curlEnv = { ...process.env, no_proxy: '127.0.0.1', NO_PROXY: '127.0.0.1' };
      const answers = commands.map((curl) => JSON.parse(execFileSync('bash', ['-c', `${apiLine}\n${curl}`], { encoding: 'utf8', env: curlEnv })) as Answer);
      for (const answer of answers) assert.ok(answer.result !== undefined && answer.error === undefined, JSON.stringify(answer));
      assert.equal(answers[0].result?.session?.length, 20);
      assert.ok((answers[1].result?.dhcpFailoverRelationships?.length ?? 0) > 0);
      assert.deepEqual(
        answers.slice(4).map((answer) => answer.result?.ref?.replace(/\d+$/, 'N')),
        ['Ranges/N', 'DHCPScopes/N', 'DHCPAddressPools/N', 'DHCPExclusions/N'],
        'a range, a scope in it, its pool and an exclusion',
      );
    } finally {
      child.kill('SIGTERM');
    }
  });
});
