// The simulator's data file under hostile conditions: a failed save leaves no visible change and no temp file, a
// planted symbolic link is never written through, and two "windows" sharing one data file lose nothing.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MicetroClient } from '../../src/api/micetroClient';
import { MicetroError } from '../../src/api/errors';
import { DataFileError, JsonFileStore, type StoreFileSystem } from '../../src/simulator/jsonFileStore';
import { SimulatorModel } from '../../src/simulator/model';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import { endpointPath, readEndpoint } from '../../src/simulator/simulatorEndpoint';
import { openSharedSimulator } from '../../src/simulator/sharedSimulator';
import { DataFileInUseError } from '../../src/simulator/dataFileLock';
import { addTestScope } from '../shared/simulatorFixtures';

const WINDOW = resolve(__dirname, 'fixtures/simulatorWindow.js');

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** The real file system, except that writing a temp file fails with `failWith` once it is set (after `gate`, when given). */
function faultyFileSystem(): StoreFileSystem & { failWith?: string; gate?: Promise<void>; writing?: () => void } {
  const fs: StoreFileSystem & { failWith?: string; gate?: Promise<void>; writing?: () => void } = {
    mkdir: fsPromises.mkdir,
    rename: fsPromises.rename,
    unlink: fsPromises.unlink,
    open: (async (path: string, flags: number | string, mode?: number) => {
      const handle = await fsPromises.open(path, flags, mode);
      if (!String(path).endsWith('.tmp') || !fs.failWith) return handle;
      const code = fs.failWith;
      return {
        async writeFile(text: string) {
          fs.writing?.();
          await fs.gate;
          // Half a file, as a full disk leaves it.
          await handle.writeFile(text.slice(0, text.length >> 1));
          throw errno(code);
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      } as unknown as FileHandle;
    }) as StoreFileSystem['open'],
  };
  return fs;
}

const temporaryFiles = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.tmp'));

function newScope(serverRef: string, third: number) {
  return { name: `172.25.${third}.0/24`, dhcpServerRef: serverRef, addressPool: { from: `172.25.${third}.10`, to: `172.25.${third}.20` } };
}

describe('simulator data file: failed saves, symbolic links, shared windows', () => {
  let folder: string;
  let running: RunningSimulator[];
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'micetro-data-'));
    running = [];
  });
  afterEach(async () => {
    await Promise.all(running.map((simulator) => simulator.close()));
    rmSync(folder, { recursive: true, force: true });
  });

  async function start(dataFile: string, options: Parameters<typeof startSimulator>[0] = {}) {
    const simulator = await startSimulator({ dataFile, seed: 'demo', password: 'pw', ...options });
    running.push(simulator);
    const client = new MicetroClient({ baseUrl: simulator.url, username: 'admin', password: 'pw' });
    return { simulator, client, serverRef: (await client.getDHCPServers())[0].ref };
  }

  it('a save that fails (disk full, read-only) makes no visible change, leaves no temp file, and says why', async () => {
    const dataFile = join(folder, 'sim.json');
    const fileSystem = faultyFileSystem();
    const logged: string[] = [];
    const { client, serverRef } = await start(dataFile, { fileSystem, log: (message) => logged.push(message) });
    const before = (await client.getDHCPScopes()).length;
    const causes = { ENOSPC: /the disk is full \(ENOSPC\)/, EROFS: /read-only file system \(EROFS\)/, EACCES: /not writable \(EACCES\)/, EPERM: /not writable \(EPERM\)/ };
    let failedSaves = 0;
    let phantoms = 0;
    for (const [index, [code, cause]] of Object.entries(causes).entries()) {
      fileSystem.failWith = code;
      await assert.rejects(addTestScope(client, newScope(serverRef, index)), (error: unknown) => {
        assert.ok(error instanceof MicetroError);
        assert.match(error.message, /The change was not made/);
        assert.match(error.message, cause);
        assert.ok(error.message.includes(dataFile), 'the error names the data file');
        return true;
      });
      failedSaves++;
      const listed = await client.getDHCPScopes({ filter: `name="172.25.${index}.0/24"` });
      if (listed.length > 0) phantoms++;
    }
    assert.equal(phantoms, 0, 'no failed change is visible');
    assert.equal((await client.getDHCPScopes()).length, before);
    assert.deepEqual(temporaryFiles(folder), [], 'no temp file is left');
    assert.equal(logged.length, failedSaves);
    assert.match(logged[0], /disk is full/);

    // The next change saves normally and holds only itself, not the failed ones.
    fileSystem.failWith = undefined;
    const ref = await addTestScope(client, newScope(serverRef, 99));
    const saved = SimulatorModel.load(new JsonFileStore(dataFile).read());
    assert.equal(saved.getScope(ref).name, '172.25.99.0/24');
    for (let index = 0; index < failedSaves; index++) assert.equal(saved.listScopes({ filter: `name="172.25.${index}.0/24"` }).totalResults, 0);
    console.log(`      figure: failed saves ${failedSaves} (${phantoms} phantom changes, ${temporaryFiles(folder).length} temp files left)`);
  });

  it('a request that arrives while a change is being saved waits, and never sees the change that is then undone', async () => {
    const dataFile = join(folder, 'sim.json');
    const fileSystem = faultyFileSystem();
    const { client, serverRef } = await start(dataFile, { fileSystem });
    let release!: () => void;
    fileSystem.gate = new Promise<void>((done) => (release = done));
    const writing = new Promise<void>((done) => (fileSystem.writing = done));
    fileSystem.failWith = 'ENOSPC';
    const create = addTestScope(client, newScope(serverRef, 7)).then(
      () => 'created',
      () => 'refused',
    );
    await writing;
    let answered = false;
    const read = client.getDHCPScopes({ filter: 'name="172.25.7.0/24"' }).then((scopes) => {
      answered = true;
      return scopes;
    });
    try {
      // Without the wait the read answers at once on loopback, from the model that holds the unsaved scope.
      for (let turn = 0; turn < 200 && !answered; turn++) await new Promise((done) => setImmediate(done));
      assert.equal(answered, false, 'the read waits for the save in flight');
    } finally {
      release();
    }
    assert.equal(await create, 'refused');
    assert.deepEqual(await read, [], 'the read does not see the undone scope');
  });

  it('a save into a folder that became a file fails for root too: nothing visible, nothing on disk', async () => {
    const parent = join(folder, 'storage');
    const dataFile = join(parent, 'inner', 'sim.json');
    const { client, serverRef } = await start(dataFile);
    const moved = join(folder, 'moved');
    renameSync(parent, moved);
    writeFileSync(parent, 'not a folder');
    await assert.rejects(addTestScope(client, newScope(serverRef, 3)), /The change was not made: .*a part of the folder path is not a folder \(ENOTDIR\)/);
    assert.equal((await client.getDHCPScopes({ filter: 'name="172.25.3.0/24"' })).length, 0);
    rmSync(parent);
    renameSync(moved, parent);
    assert.deepEqual(temporaryFiles(join(parent, 'inner')), []);
    // What a restart loads.
    assert.equal(SimulatorModel.load(new JsonFileStore(dataFile).read()).listScopes({ filter: 'name="172.25.3.0/24"' }).totalResults, 0);
  });

  it('a folder that cannot be synced (Windows, some file systems) still saves the change and says it was made', async () => {
    const dataFile = join(folder, 'sim.json');
    const fileSystem: StoreFileSystem = {
      ...fsPromises,
      open: (async (path: string, flags: number | string, mode?: number) => {
        const handle = await fsPromises.open(path, flags, mode);
        if (path !== folder) return handle;
        return { sync: () => Promise.reject(errno('EPERM')), close: () => handle.close() } as unknown as FileHandle;
      }) as StoreFileSystem['open'],
    };
    const { simulator, client, serverRef } = await start(dataFile, { fileSystem });
    const ref = await addTestScope(client, newScope(serverRef, 77));
    assert.ok((await client.getDHCPScopes()).some((scope) => scope.ref === ref), 'the change is visible: it was made');
    await simulator.close();
    running = running.filter((other) => other !== simulator);
    const reloaded = SimulatorModel.load(new JsonFileStore(dataFile).read());
    assert.ok(reloaded.listScopes({}).dhcpScopes.some((scope) => scope.ref === ref), 'and it is in the file');
  });

  it('closing refuses changes still queued, then leaves the file to the next owner with every acknowledged change', async () => {
    const dataFile = join(folder, 'sim.json');
    const { simulator, client, serverRef } = await start(dataFile);
    const writes = [11, 12, 13].map((third) => addTestScope(client, newScope(serverRef, third)).then((ref) => ref, () => undefined));
    const closing = simulator.close();
    running = running.filter((other) => other !== simulator);
    const acknowledged = (await Promise.all(writes)).filter((ref): ref is string => ref !== undefined);
    await closing;
    assert.equal(existsSync(endpointPath(dataFile)), false, 'the endpoint is gone');
    const scopes = SimulatorModel.load(new JsonFileStore(dataFile).read()).listScopes({}).dhcpScopes.map((scope) => scope.ref);
    for (const ref of acknowledged) assert.ok(scopes.includes(ref), `${ref} was acknowledged and is in the file`);
  });

  it('never writes through a symbolic link planted at the old temp name, and refuses a data file that is a link', async () => {
    const dataFile = join(folder, 'sim.json');
    const victim = join(folder, 'victim.txt');
    writeFileSync(victim, 'precious');
    // The name the old save used, predictable from the pid.
    symlinkSync(victim, join(folder, `.sim.json.${process.pid}.tmp`));
    const { client, serverRef } = await start(dataFile);
    await addTestScope(client, newScope(serverRef, 1));
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
    assert.equal(statSync(dataFile).mode & 0o777, 0o600, 'the data file is private');
    assert.deepEqual(temporaryFiles(folder), [`.sim.json.${process.pid}.tmp`], 'only the planted link, no temp file of ours');

    const linked = join(folder, 'linked.json');
    symlinkSync(victim, linked);
    await assert.rejects(startSimulator({ dataFile: linked }), (error: unknown) => error instanceof DataFileError && /symbolic link/.test(error.message));
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
  });

  it('publishes the owner endpoint privately, and ignores one anybody else could have written', async () => {
    const dataFile = join(folder, 'sim.json');
    const { simulator } = await start(dataFile);
    const path = endpointPath(dataFile);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(readEndpoint(dataFile), { pid: process.pid, url: simulator.url, user: 'admin', password: 'pw' });
    await assert.rejects(startSimulator({ dataFile }), (error: unknown) => error instanceof DataFileInUseError && error.owner?.pid === process.pid);
    chmodSync(path, 0o644);
    assert.equal(readEndpoint(dataFile), undefined, 'a world-readable endpoint file is not trusted');
    await simulator.close();
    running = [];
    assert.equal(existsSync(path), false, 'closing removes the endpoint file');
    assert.equal(existsSync(`${dataFile}.lock`), false, 'closing releases the lock');
  });

  it('two windows on one data file share one simulator: every write of both survives a restart', async function () {
    this.timeout(60000);
    const dataFile = join(folder, 'shared', 'simulator.json');
    mkdirSync(join(folder, 'shared'));
    const writes = 25;
    const first = runWindow(dataFile, 0, writes);
    assert.equal((await first.line('ready')).kind, 'owner');
    const second = runWindow(dataFile, 1, writes);
    assert.equal((await second.line('ready')).kind, 'guest');
    for (const window of [first, second]) window.child.stdin!.write('go\n');
    const acknowledged = [...((await first.line('done')).refs as string[]), ...((await second.line('done')).refs as string[])];
    // The guest closes first, then the owner: each as a window would.
    second.child.stdin!.end();
    await second.exited;
    first.child.stdin!.end();
    await first.exited;

    const restarted = await startSimulator({ dataFile, password: 'pw' });
    running.push(restarted);
    const lost = acknowledged.filter((ref) => {
      try {
        restarted.backend.getScope(ref);
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(acknowledged.length, 2 * writes);
    assert.deepEqual(lost, []);
    console.log(`      figure: 2 windows sharing one data file x ${writes} writes each (${lost.length} lost)`);
  });

  it('takes over the data file of an owner that crashed once its lock goes stale', async function () {
    this.timeout(40000);
    const dataFile = join(folder, 'sim.json');
    const owner = runWindow(dataFile, 0, 1);
    assert.equal((await owner.line('ready')).kind, 'owner');
    owner.child.kill('SIGKILL');
    await owner.exited;
    const started = Date.now();
    const shared = await openSharedSimulator({ dataFile, password: 'pw' });
    assert.equal(shared.kind, 'owner');
    if (shared.kind === 'owner') running.push(shared.simulator);
    assert.ok(Date.now() - started < 20000);
    assert.equal(readEndpoint(dataFile)?.pid, process.pid);
  });
});

interface Window {
  child: ChildProcess;
  line(key: string): Promise<Record<string, unknown>>;
  exited: Promise<void>;
}

/** A process that opens the data file as a VS Code window does (fixtures/simulatorWindow.ts). */
function runWindow(dataFile: string, lane: number, writes: number): Window {
  const child = spawn(process.execPath, [WINDOW, dataFile, String(lane), String(writes)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, end)) as Record<string, unknown>);
      buffer = buffer.slice(end + 1);
      waiters.splice(0).forEach((wake) => wake());
    }
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const line = async (key: string) => {
    for (;;) {
      const found = lines.find((entry) => key in entry);
      if (found) return found;
      await Promise.race([new Promise<void>((wake) => waiters.push(wake)), exited.then(() => Promise.reject(new Error(`the window exited before "${key}"`)))]);
    }
  };
  return { child, line, exited };
}
