// Use Built-in Simulator, Disconnect, Select Connection…, Connect to Micetro… (accepted, rejected password,
// unreachable, an expired session renewed, Basic switched off and no command bridge), Refresh and Show Log.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { MicetroApi } from '../../src/api/micetroApi';
import { MicetroClient } from '../../src/api/micetroClient';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import { child, children, eventually, freshSimulator, label, normalRelationship, run, scopeOn, startHarness, twoServers, type Harness } from './extensionUnderTest';
import { accept, decline, dismiss, pick, type } from './scriptedPrompts';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once `client` was disposed: its calls then fail saying the connection was closed. */
async function disposed(what: string, client: MicetroApi): Promise<void> {
  await eventually(what, () =>
    client.getDHCPServers().then(
      () => false,
      (error: unknown) => /^This connection to Micetro at .* was closed/.test(String((error as Error).message)),
    ),
  );
}


/** Disconnects, then connects to `url` again as netadmin: only the URL and the user are asked, the saved password is used. */
async function reconnectWithSavedPassword(harness: Harness, url: string): Promise<void> {
  const { prompts } = harness;
  prompts.script(pick(/Disconnect/));
  await run('selectConnection');
  prompts.script(type(url), type('netadmin'));
  await run('connectToMicetro');
  assert.deepEqual(prompts.errors, []);
  assert.equal(prompts.questions.length, 2, 'the saved password was used');
}

describe('Connection commands', () => {
  let harness: Harness;
  /** Plays a Micetro the extension does not own. */
  let micetro: RunningSimulator;

  before(async () => {
    harness = await startHarness();
    micetro = await startSimulator({ seed: 'demo', user: 'netadmin', password: 'correct horse' });
  });

  after(async () => {
    await freshSimulator(harness.api);
    await micetro.close();
  });

  it('disconnects (empty views, welcome state) and reconnects to the built-in simulator', async () => {
    const { api, prompts } = harness;
    const simulator = api.connection.current;
    assert.equal(simulator.kind, 'simulator');
    prompts.script();
    await run('disconnect');
    assert.equal(api.connection.current.kind, 'none');
    await disposed('the simulator client closed', simulator.client);
    assert.deepEqual(await children(api.views.servers), []);
    assert.deepEqual(await children(api.views.scopes), []);

    await run('useBuiltInSimulator');
    assert.deepEqual(prompts.errors, []);
    assert.equal(api.connection.current.kind, 'simulator');
    assert.ok((await children(api.views.servers)).length > 0, 'the demo servers are back');
  });

  it('switches through Select Connection…', async () => {
    const { api, prompts } = harness;
    prompts.script(pick(/Disconnect/));
    await run('selectConnection');
    assert.equal(api.connection.current.kind, 'none');
    prompts.script(pick(/Use Built-in Simulator/));
    await run('selectConnection');
    assert.equal(api.connection.current.kind, 'simulator');
  });

  it('reports a rejected password once, saves nothing and does not retry', async () => {
    const { api, prompts } = harness;
    prompts.script(type(micetro.url), type('netadmin'), type('not-the-password'));
    await run('connectToMicetro');
    assert.equal(prompts.errors.length, 1, 'one error line');
    assert.match(prompts.errors[0], /Invalid username or password/);
    assert.doesNotMatch(prompts.errors[0], /not-the-password/);
    assert.equal(prompts.questions.length, 3, 'the password was asked once, not retried');
    assert.equal(api.connection.current.kind, 'simulator', 'the working connection stays');

    // Nothing was saved: connecting again asks for the password again.
    prompts.script(type(micetro.url), type('netadmin'), type('still-wrong'));
    await run('connectToMicetro');
    assert.equal(prompts.questions.length, 3);
    assert.equal(prompts.errors.length, 1);
  });

  it('closes the keep-alive connection of a client whose login was refused', async () => {
    const { api } = harness;
    // No keep-alive timeout on the server's side: only the client closes the connection.
    const refusing = createHttpServer({ keepAliveTimeout: 0 }, (_request, response) => {
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 16394, message: 'Invalid username or password.' } }));
    });
    const sockets: Socket[] = [];
    refusing.on('connection', (socket: Socket) => sockets.push(socket));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    // With VS Code's own agent (http.proxySupport override) the connection is not kept alive; the client's own is.
    const http = vscode.workspace.getConfiguration('http');
    await http.update('proxySupport', 'off', vscode.ConfigurationTarget.Global);
    try {
      const { port } = refusing.address() as { port: number };
      await assert.rejects(api.connection.connectMicetro({ url: `http://127.0.0.1:${port}`, user: 'netadmin' }, 'wrong'), /Invalid username or password/);
      assert.equal(sockets.length, 1);
      await eventually('the refused client closed its connection', () => sockets.every((socket) => socket.destroyed));
      assert.equal(api.connection.current.kind, 'simulator', 'the working connection stays');
    } finally {
      await http.update('proxySupport', undefined, vscode.ConfigurationTarget.Global);
      refusing.closeAllConnections();
      await new Promise((resolve) => refusing.close(resolve));
    }
  });

  it('connects to Micetro with the right password, and next time uses the saved one', async () => {
    const { api, prompts } = harness;
    prompts.script(type(micetro.url), type('netadmin'), type('correct horse'));
    await run('connectToMicetro');
    assert.deepEqual(prompts.errors, []);
    const connected = api.connection.current;
    assert.equal(connected.kind, 'micetro');
    assert.equal(connected.login.url, micetro.url);
    const servers = (await children(api.views.servers)).map(label);
    assert.ok(servers.length > 0, 'the servers of that Micetro are shown');

    await reconnectWithSavedPassword(harness, micetro.url);
    assert.equal(api.connection.current.kind, 'micetro');
    await api.connection.useSimulator();
  });

  it('applies a changed timeout, CA file or authentication setting to a live Micetro connection', async () => {
    const { api, prompts } = harness;
    await api.connection.connectMicetro({ url: micetro.url, user: 'netadmin' }, 'correct horse');
    const before = api.connection.current;
    assert.equal(before.kind, 'micetro');
    const config = vscode.workspace.getConfiguration('dhcpFailover');
    micetro.resetStats();
    try {
      await config.update('authentication', 'session', vscode.ConfigurationTarget.Global);
      await eventually('the reconnection with the new setting', () => api.connection.current !== before);
      await api.connection.whenSettled();
      const after = api.connection.current;
      assert.equal(after.kind, 'micetro');
      assert.notEqual(after.client, before.client, 'a new client is built with the new settings');
      await disposed('the replaced client closed', before.client);
      assert.equal(micetro.requestsByOperation()['POST micetro/sessions'], 1, 'session authentication logs in');

      // A setting that cannot be applied keeps the working connection and says why.
      prompts.script();
      await config.update('caFile', '/nonexistent/ca.pem', vscode.ConfigurationTarget.Global);
      await eventually('the error about the CA file', () => prompts.errors.length > 0);
      assert.equal(api.connection.current, after);
      assert.equal(prompts.errors.length, 1);
      assert.match(prompts.errors[0], /The CA file "\/nonexistent\/ca\.pem" \(setting dhcpFailover\.caFile\) cannot be read/);
    } finally {
      await config.update('caFile', undefined, vscode.ConfigurationTarget.Global);
      await config.update('authentication', undefined, vscode.ConfigurationTarget.Global);
      await api.connection.useSimulator();
    }
  });

  it('forgets a password Micetro rejects during the session, disconnects, says so once and offers Reconnect…', async () => {
    const { api, prompts } = harness;
    const dataFile = join(mkdtempSync(join(tmpdir(), 'dhcp-failover-it-')), 'micetro.json');
    let server = await startSimulator({ seed: 'demo', dataFile, user: 'netadmin', password: 'before-change' });
    // Read afresh each time (assertions would narrow `api.connection.current.kind`).
    const kind = (): string => api.connection.current.kind;
    try {
      prompts.script(type(server.url), type('netadmin'), type('before-change'));
      await run('connectToMicetro');
      assert.deepEqual(prompts.errors, []);
      assert.equal(kind(), 'micetro');
      const url = server.url;

      // An administrator changes the password: the same Micetro (same address, same data) now refuses the old one.
      const restart = async (password: string) => {
        const port = server.port;
        await server.close();
        server = await startSimulator({ port, dataFile, user: 'netadmin', password });
      };
      await restart('after-change');
      prompts.script();
      api.views.refreshAll();
      const nodes = await children(api.views.servers);
      await api.connection.whenSettled();
      assert.equal(kind(), 'none', `disconnected (the tree showed ${nodes.map(label).join(', ')})`);
      assert.equal(prompts.errors.length, 1, `one error: ${prompts.errors.join(' | ')}`);
      assert.match(prompts.errors[0], /Micetro at http:\/\/127\.0\.0\.1:\d+ rejected the password of netadmin/);
      assert.doesNotMatch(prompts.errors[0], /before-change|after-change/);
      assert.deepEqual(prompts.errorActions[0], { title: 'Reconnect…', command: 'dhcpFailover.connectToMicetro' });
      assert.deepEqual(await children(api.views.servers), [], 'the disconnected view shows its welcome');
      // Nothing tries the rejected password again: what would send a request (a refresh, the auto-refresh's state
      // read) finds no connection and sends nothing.
      const requests = server.requestCount();
      api.views.refreshAll();
      assert.deepEqual(await children(api.views.servers), []);
      await api.views.refreshStates();
      assert.equal(server.requestCount(), requests, 'no request after the rejection');

      // Reconnect… (what the button runs) is prefilled and asks for the password again: the old one was forgotten.
      prompts.script(type(url), type('netadmin'), type('after-change'));
      await run('connectToMicetro');
      assert.deepEqual(prompts.errors, []);
      assert.deepEqual(prompts.questions.map((question) => question.choices), [[url], ['netadmin'], []], 'URL and user prefilled, the password asked');
      assert.equal(kind(), 'micetro');

      // The same while a command runs: one line about the password, not a second one from the command.
      await restart('changed-again');
      prompts.script();
      api.views.refreshAll();
      await run('removeRelationship');
      await api.connection.whenSettled();
      assert.equal(kind(), 'none');
      assert.equal(prompts.errors.length, 1, `one error: ${prompts.errors.join(' | ')}`);
      assert.match(prompts.errors[0], /rejected the password of netadmin/);
      prompts.script(type(url), type('netadmin'), dismiss());
      await run('connectToMicetro');
      assert.equal(prompts.questions.length, 3, 'the password is asked for again');
    } finally {
      await server.close();
      await api.connection.useSimulator();
    }
  });

  it('renews an expired session silently: still connected, the saved password kept, no error', async () => {
    const { api, prompts } = harness;
    // A Micetro of its own, so no password is saved for it yet.
    const server = await startSimulator({ seed: 'demo', user: 'netadmin', password: 'session pw' });
    const config = vscode.workspace.getConfiguration('dhcpFailover');
    try {
      await config.update('authentication', 'session', vscode.ConfigurationTarget.Global);
      prompts.script(type(server.url), type('netadmin'), type('session pw'));
      await run('connectToMicetro');
      assert.deepEqual(prompts.errors, []);
      const connected = api.connection.current;
      assert.equal(connected.kind, 'micetro');
      assert.equal(server.requestsByOperation()['POST micetro/sessions'], 1);

      // An ordinary session timeout (401, code 5002) on the next read.
      assert.deepEqual(await new MicetroClient({ baseUrl: server.url, username: 'netadmin', password: 'session pw' }).command('SimExpireSessions'), { expired: 1 });
      prompts.script();
      await run('refresh');
      assert.ok((await children(api.views.servers)).length > 0, 'the servers are shown');
      await api.connection.whenSettled();
      assert.equal(server.requestsByOperation()['POST micetro/sessions'], 2, 'the client logged in again');
      assert.equal(api.connection.current, connected, 'still connected, with the same client');
      assert.deepEqual(prompts.errors, []);

      // The password is still saved: reconnecting asks only for the URL and the user.
      await reconnectWithSavedPassword(harness, server.url);
      assert.equal(api.connection.current.kind, 'micetro');
    } finally {
      await config.update('authentication', undefined, vscode.ConfigurationTarget.Global);
      await api.connection.useSimulator();
      await server.close();
    }
  });

  it('connects to a Micetro with Basic switched off and no command bridge: a session, JSON-RPC, the password kept, the user told', async () => {
    const { api, prompts } = harness;
    const server = await startSimulator({ seed: 'demo', user: 'netadmin', password: 'no basic', basicAuth: false, commandBridge: false });
    // The test's own client, for set-up and checks (it finds JSON-RPC on its own too).
    const setup = new MicetroClient({ baseUrl: server.url, username: 'netadmin', password: 'no basic', authMode: 'session' });
    try {
      // The default setting asks for HTTP Basic.
      prompts.script(type(server.url), type('netadmin'), type('no basic'));
      await run('connectToMicetro');
      assert.deepEqual(prompts.errors, []);
      assert.equal(api.connection.current.kind, 'micetro');
      assert.equal(prompts.notices.length, 1, `one notice: ${prompts.notices.join(' | ')}`);
      assert.match(prompts.notices[0], /does not accept HTTP Basic authentication .* logs in for a session instead; the password is kept/);
      const tooltip = api.statusBar.tooltip;
      assert.ok(typeof tooltip === 'string');
      assert.match(tooltip, /Micetro REST v1, commands over JSON-RPC \(the command bridge answered 404\), session authentication \(Micetro refused HTTP Basic\)/);

      // The tree loads, and a write command runs over JSON-RPC.
      const [primary, secondary] = await twoServers(setup);
      const [scope] = await normalRelationship(setup, primary, secondary, 'it-json-rpc');
      const destination = await scopeOn(setup, secondary, scope.name);
      assert.ok(destination);
      await setup.setScopeOptions(scope.ref, [{ option: '3', value: '10.250.96.1' }]);
      api.views.refreshAll();
      const node = await child(api.views.servers, await child(api.views.servers, await child(api.views.servers, undefined, primary.name), 'it-json-rpc'), scope.name);
      server.resetStats();
      prompts.script(accept());
      await run('replicateScope', node);
      assert.deepEqual(prompts.errors, []);
      assert.equal((await setup.getScopeOptions(destination.ref)).find((option) => option.option === '3')?.value, '10.250.96.1');
      assert.equal(server.requestsByOperation()['jsonrpc ReplicateDHCPFailover'], 1);

      // The password was kept: reconnecting asks only for the URL and the user, and says nothing about Basic again.
      await reconnectWithSavedPassword(harness, server.url);
      assert.deepEqual(prompts.notices, [], 'told once per Micetro');
      assert.equal(api.connection.current.kind, 'micetro');
    } finally {
      setup.dispose();
      await api.connection.useSimulator();
      await server.close();
    }
  });

  it('names a CA file that holds no PEM certificate as soon as the setting changes, and keeps the connection', async () => {
    const { api, prompts } = harness;
    const notPem = join(mkdtempSync(join(tmpdir(), 'dhcp-failover-ca-')), 'ca.cer');
    writeFileSync(notPem, Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01]));
    const config = vscode.workspace.getConfiguration('dhcpFailover');
    const before = api.connection.current;
    prompts.script();
    try {
      await config.update('caFile', notPem, vscode.ConfigurationTarget.Global);
      await eventually('the error about the CA file', () => prompts.errors.length > 0);
      assert.match(prompts.errors[0], /The CA file ".*ca\.cer" \(setting dhcpFailover\.caFile\) holds no PEM certificate/);
      assert.equal(api.connection.current, before, 'the simulator connection stays');
    } finally {
      await config.update('caFile', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('asks before sending a password over http:// to another machine, and sends nothing when declined', async () => {
    const { api, prompts } = harness;
    prompts.script(type('http://micetro.example.invalid'), type('netadmin'), decline());
    await run('connectToMicetro');
    assert.deepEqual(
      prompts.questions.map((question) => question.kind),
      ['input', 'input', 'confirm'],
      'declined before the password was asked',
    );
    assert.match(prompts.confirmations[0], /without encryption\?.*clear text/);
    assert.deepEqual(prompts.errors, [], 'declining is not an error');
    assert.equal(api.connection.current.kind, 'simulator');
  });

  it('explains an unreachable Micetro in one line', async () => {
    const { api, prompts } = harness;
    const port = await closedPort();
    prompts.script(type(`http://127.0.0.1:${port}`), type('admin'), type('secret'));
    await run('connectToMicetro');
    assert.equal(prompts.errors.length, 1);
    assert.match(prompts.errors[0], /Could not reach Micetro at http:\/\/127\.0\.0\.1:\d+: the connection was refused/);
    assert.doesNotMatch(prompts.errors[0], /secret/);
    assert.equal(api.connection.current.kind, 'simulator');
  });

  it('Refresh reads the servers again and Show Log shows the log', async () => {
    const { api, prompts } = harness;
    const current = api.connection.current;
    assert.equal(current.kind, 'simulator');
    const serverReads = async () =>
      (await current.client.command<{ byOperation: Record<string, number> }>('SimGetStats')).byOperation['GET DHCPServers'] ?? 0;
    await children(api.views.servers);
    const before = await serverReads();
    await children(api.views.servers);
    assert.equal(await serverReads(), before, 'the views read from their cache');
    prompts.script();
    await run('refresh');
    assert.ok((await children(api.views.servers)).map(label).length > 0);
    assert.equal(await serverReads(), before + 1, 'Refresh read the servers again');

    // The workbench does not tell an extension which output channel is showing, so the log's show() is watched.
    const show = api.log.show.bind(api.log);
    let shown = 0;
    api.log.show = (...args: unknown[]) => {
      shown++;
      Reflect.apply(show, api.log, args);
    };
    try {
      await run('showLog');
    } finally {
      api.log.show = show;
    }
    assert.equal(shown, 1, 'the log was shown');
    assert.deepEqual(prompts.errors, []);
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
});
