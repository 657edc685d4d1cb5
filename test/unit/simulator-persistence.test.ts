// The simulator's data file and CLI: changes survive SIGKILL, a corrupt file is refused and left untouched,
// and the CLI binds to loopback, prints its URL and stops cleanly on SIGTERM.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MicetroClient } from '../../src/api/micetroClient';
import { DataFileError, JsonFileStore } from '../../src/simulator/jsonFileStore';
import { SimulatorModel } from '../../src/simulator/model';
import { startSimulator } from '../../src/simulator/server';
import { addTestScope } from '../shared/simulatorFixtures';

const CLI = resolve(__dirname, '../../simulator/cli.js');
const PASSWORD = 'persist-pw';

interface Cli {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** The password goes in the environment, as the CLI takes it. */
function runCli(args: string[], password = PASSWORD): Cli {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MICETRO_SIMULATOR_PASSWORD: password } });
  let output = '';
  const url = new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolveUrl(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`the simulator exited before listening:\n${output}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal, output })),
  );
  return { child, url, exited };
}

describe('simulator persistence and CLI', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'micetro-sim-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps every acknowledged change when killed with SIGKILL in the middle of a burst of writes', async function () {
    this.timeout(60000);
    for (let round = 0; round < 3; round++) {
      const dataFile = join(folder, `sim-${round}.json`);
      const cli = runCli(['--port', '0', '--data', dataFile, '--seed', 'demo']);
      const client = new MicetroClient({ baseUrl: await cli.url, username: 'admin', password: PASSWORD });
      const [server] = await client.getDHCPServers();
      const acknowledged: string[] = [];
      const killAfter = 5 + round * 7;
      // Four writers in parallel; the process dies while some requests are still in flight.
      const writer = async (lane: number) => {
        for (let index = 0; index < 40; index++) {
          const third = 100 + lane * 40 + index;
          const ref = await addTestScope(client, { name: `172.20.${third}.0/24`, dhcpServerRef: server.ref, addressPool: { from: `172.20.${third}.10`, to: `172.20.${third}.20` } });
          acknowledged.push(ref);
          if (acknowledged.length === killAfter) cli.child.kill('SIGKILL');
        }
      };
      await Promise.allSettled([0, 1, 2, 3].map(writer));
      const exit = await cli.exited;
      assert.equal(exit.signal, 'SIGKILL');
      assert.ok(acknowledged.length >= killAfter);

      const model = SimulatorModel.load(new JsonFileStore(dataFile).read());
      for (const ref of acknowledged) assert.equal(model.getScope(ref).ref, ref, `acknowledged ${ref} is in the file`);
    }
  });

  it('refuses a corrupt data file with a clear message and leaves it untouched', async () => {
    const dataFile = join(folder, 'broken.json');
    const garbage = '{"format":"micetro-dhcp-failover-simulator","version":1,"servers": [';
    writeFileSync(dataFile, garbage);
    await assert.rejects(startSimulator({ dataFile }), (error: unknown) => {
      assert.ok(error instanceof DataFileError);
      assert.match(error.message, /not valid JSON/);
      assert.match(error.message, /left untouched/);
      return true;
    });
    const cli = runCli(['--port', '0', '--data', dataFile]);
    const exit = await cli.exited;
    assert.equal(exit.code, 1);
    assert.match(exit.output, /broken\.json cannot be used: it is not valid JSON/);
    assert.equal(readFileSync(dataFile, 'utf8'), garbage);
  });

  it('refuses a JSON file that is not simulator data, and data of the wrong shape', async () => {
    const foreign = join(folder, 'package.json');
    writeFileSync(foreign, '{"name":"something else"}');
    await assert.rejects(startSimulator({ dataFile: foreign }), /not a simulator data file/);
    assert.equal(readFileSync(foreign, 'utf8'), '{"name":"something else"}');

    const wrongShape = join(folder, 'shape.json');
    const text = JSON.stringify({ ...SimulatorModel.fromSeed('empty').toJSON(), servers: 'not a list' });
    writeFileSync(wrongShape, text);
    await assert.rejects(startSimulator({ dataFile: wrongShape }), /servers: expected a list/);
    assert.equal(readFileSync(wrongShape, 'utf8'), text);
  });

  it('reads a data file in the envelope 0.1.0 wrote around the data, and saves it with one format marker', async () => {
    const dataFile = join(folder, 'old.json');
    const data = SimulatorModel.fromSeed('demo').toJSON();
    writeFileSync(dataFile, JSON.stringify({ format: 'micetro-simulator-data', version: 1, savedAt: '2025-06-01T12:00:00.000Z', data }));
    const simulator = await startSimulator({ dataFile, password: PASSWORD });
    try {
      const client = new MicetroClient({ baseUrl: simulator.url, username: 'admin', password: PASSWORD });
      assert.equal((await client.getDHCPServers()).length, data.servers.length, 'the inventory of the old file');
      const [server] = await client.getDHCPServers();
      await addTestScope(client, { name: '172.22.0.0/24', dhcpServerRef: server.ref, addressPool: { from: '172.22.0.10', to: '172.22.0.20' } });
    } finally {
      await simulator.close();
    }
    const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as Record<string, unknown>;
    assert.equal(saved.format, 'micetro-dhcp-failover-simulator');
    assert.deepEqual(Object.keys(saved).filter((key) => !['format', 'version', 'clock', 'nextIds', 'servers', 'ranges', 'scopes', 'relationships'].includes(key)), [], 'no envelope');
    const reloaded = SimulatorModel.load(new JsonFileStore(dataFile).read());
    assert.equal(reloaded.listScopes({ filter: 'name="172.22.0.0/24"' }).totalResults, 1);
    assert.equal(reloaded.listServers({}).totalResults, data.servers.length);
  });

  it('starts from a seed, saves it, and reloads the saved changes on the next start', async () => {
    const dataFile = join(folder, 'sim.json');
    const first = await startSimulator({ dataFile, seed: 'demo', password: PASSWORD });
    assert.ok(existsSync(dataFile));
    const client = new MicetroClient({ baseUrl: first.url, username: 'admin', password: PASSWORD });
    const [server] = await client.getDHCPServers();
    const ref = await addTestScope(client, { name: '172.21.0.0/24', dhcpServerRef: server.ref, addressPool: { from: '172.21.0.10', to: '172.21.0.20' } });
    await first.close();

    const second = await startSimulator({ dataFile, seed: 'empty', password: PASSWORD });
    try {
      const again = new MicetroClient({ baseUrl: second.url, username: 'admin', password: PASSWORD });
      assert.equal((await again.getDHCPScope(ref)).name, '172.21.0.0/24');
    } finally {
      await second.close();
    }
  });

  it('binds the CLI to 127.0.0.1, serves the demo inventory and stops cleanly on SIGTERM', async function () {
    this.timeout(20000);
    const cli = runCli(['--port', '0']);
    const url = await cli.url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const servers = await new MicetroClient({ baseUrl: url, username: 'admin', password: PASSWORD }).getDHCPServers();
    assert.ok(servers.length >= 6);
    cli.child.kill('SIGTERM');
    const exit = await cli.exited;
    assert.equal(exit.code, 0);
    assert.match(exit.output, /SIGTERM: stopping the simulator/);
    assert.ok(!exit.output.includes(PASSWORD), 'a password from the environment is not echoed');
  });

  it('refuses HTTP Basic with --no-basic-auth (listed by --help) while sessions keep working', async function () {
    this.timeout(20000);
    const help = await runCli(['--help']).exited;
    assert.match(help.output, /--no-basic-auth {2,}refuse HTTP Basic/);
    const cli = runCli(['--port', '0', '--no-basic-auth']);
    try {
      const url = await cli.url;
      const basic = await fetch(`${url}/mmws/api/DHCPServers`, { headers: { Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` } });
      assert.equal(basic.status, 401);
      assert.match(JSON.stringify(await basic.json()), /"code":5002,"message":"Basic authentication is not accepted/);
      const servers = await new MicetroClient({ baseUrl: url, username: 'admin', password: PASSWORD, authMode: 'session' }).getDHCPServers();
      assert.ok(servers.length >= 6);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });

  it('answers the command bridge with 404 under --no-command-bridge (listed by --help) while JSON-RPC serves commands', async function () {
    this.timeout(20000);
    const help = await runCli(['--help']).exited;
    assert.match(help.output, /--no-command-bridge {2,}answer \/mmws\/api\/command\/\* with 404/);
    const cli = runCli(['--port', '0', '--no-command-bridge']);
    try {
      const url = await cli.url;
      const headers = { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` };
      const bridge = await fetch(`${url}/mmws/api/command/GetDHCPFailoverRelationships`, { method: 'POST', headers, body: '{}' });
      assert.equal(bridge.status, 404);
      assert.deepEqual(await bridge.json(), { error: { code: 16544, message: 'Unknown resource "command".' } });
      const rpc = await fetch(`${url}/mmws/json`, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'GetDHCPFailoverRelationships', params: {}, id: 1 }) });
      assert.ok(((await rpc.json()) as { result: { dhcpFailoverRelationships: unknown[] } }).result.dhcpFailoverRelationships.length > 0);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });

  it('refuses a data file another live simulator owns, naming the file and the owner', async () => {
    const dataFile = join(folder, 'owned.json');
    const owner = await startSimulator({ dataFile, password: PASSWORD });
    try {
      const exit = await runCli(['--port', '0', '--data', dataFile]).exited;
      assert.equal(exit.code, 1);
      assert.ok(exit.output.includes(`The simulator data file ${dataFile} is in use by another simulator (process ${process.pid}, ${owner.url})`), exit.output);
      assert.ok(!exit.output.includes(PASSWORD));
    } finally {
      await owner.close();
    }
  });

  it('takes the password from the environment or --password-file, and refuses --password without echoing it', async function () {
    this.timeout(20000);
    const refused = await runCli(['--port', '0', '--password', 'on-the-command-line']).exited;
    assert.equal(refused.code, 2);
    assert.match(refused.output, /--password is not accepted: .*Set MICETRO_SIMULATOR_PASSWORD, or pass --password-file <file>/);
    assert.ok(!refused.output.includes('on-the-command-line'), 'the refused password is not echoed');

    const passwordFile = join(folder, 'password');
    writeFileSync(passwordFile, 'from-a-file\n', { mode: 0o600 });
    const cli = runCli(['--port', '0', '--password-file', passwordFile], '');
    const servers = await new MicetroClient({ baseUrl: await cli.url, username: 'admin', password: 'from-a-file' }).getDHCPServers();
    assert.ok(servers.length > 0);
    cli.child.kill('SIGTERM');
    const exit = await cli.exited;
    assert.ok(!exit.output.includes('from-a-file'), 'a password from a file is not printed');

    const generated = runCli(['--port', '0'], '');
    await generated.url;
    generated.child.kill('SIGTERM');
    assert.match((await generated.exited).output, /password: \S+ {3}\(generated; set MICETRO_SIMULATOR_PASSWORD or pass --password-file to choose one\)/);
  });

  it('rejects bad CLI arguments with usage help', async () => {
    const exit = await runCli(['--port', 'eighty']).exited;
    assert.equal(exit.code, 2);
    assert.match(exit.output, /--port must be a whole number/);
    assert.match(exit.output, /Usage: npm run simulator/);
  });
});
