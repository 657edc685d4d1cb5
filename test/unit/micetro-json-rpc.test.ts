// A Micetro without the REST command bridge: the client finds out at connect, and every command the extension uses
// runs over JSON-RPC (`POST /mmws/json`) with the same authentication, through the same answer checks.
import { strict as assert } from 'node:assert';
import type { ApiChange } from '../../src/api/apiInUse';
import { describeApiInUse } from '../../src/api/apiInUse';
import { MicetroAuthError, MicetroNotFoundError, MicetroPasswordRejectedError, MicetroValidationError } from '../../src/api/errors';
import { MicetroClient, type ApiCallRecord, type AuthMode } from '../../src/api/micetroClient';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import { newRelationship, newScope, settle, twoServers } from '../shared/simulatorFixtures';

const PASSWORD = 'pässwörd with ünïcode';

describe('MicetroClient on a Micetro without the command bridge (JSON-RPC)', () => {
  let sim: RunningSimulator;
  let calls: ApiCallRecord[];
  let changes: ApiChange[];

  const makeClient = (authMode: AuthMode = 'basic') =>
    new MicetroClient({
      baseUrl: sim.url,
      username: 'admin',
      password: PASSWORD,
      authMode,
      log: (call) => calls.push(call),
      onApiChange: (change) => changes.push(change),
    });

  async function start(options: Parameters<typeof startSimulator>[0] = {}): Promise<void> {
    await sim?.close();
    sim = await startSimulator({ seed: 'demo', password: PASSWORD, commandBridge: false, ...options });
  }

  beforeEach(async () => {
    calls = [];
    changes = [];
    await start();
  });
  afterEach(() => sim.close());

  it('finds out at connect that the bridge answers 404, says so once, and sends commands over JSON-RPC from then on', async () => {
    const client = makeClient();
    assert.equal(client.apiInUse.commands, 'bridge', 'nothing is known before connecting');
    await client.testConnection();
    assert.deepEqual(changes, ['commandBridgeMissing']);
    assert.deepEqual(client.apiInUse, { generation: 'REST v1', commands: 'jsonrpc', authentication: 'basic', basicRefused: false });
    assert.equal(describeApiInUse(client.apiInUse), 'Micetro REST v1, commands over JSON-RPC (the command bridge answered 404), HTTP Basic authentication');
    const probe = calls.find((call) => call.status === 404);
    assert.ok(probe?.error instanceof MicetroNotFoundError && probe.error.code === 16544, 'the bridge answered with Micetro’s unknown resource');

    sim.resetStats();
    calls.length = 0;
    assert.ok((await client.getDHCPFailoverRelationships()).length > 0);
    assert.deepEqual(sim.requestsByOperation(), { 'jsonrpc GetDHCPFailoverRelationships': 1 }, 'the bridge is not asked again');
    assert.equal(calls.length, 1);
    assert.deepEqual(changes, ['commandBridgeMissing']);
  });

  it('runs every command the extension uses, REST resources staying on REST', async function () {
    this.timeout(20000);
    const client = makeClient();
    await client.testConnection();
    const [primary, secondary] = await twoServers(client);
    const name = 'Over JSON-RPC';
    await newRelationship(client, primary, secondary, name);
    const created = await client.getDHCPFailoverRelationship(primary.ref, name);
    assert.ok((await client.getDHCPFailoverRelationships(primary.ref)).some((relationship) => relationship.name === name));
    const scope = await newScope(client, primary);
    await client.addScopesToFailoverRelationship(primary.ref, name, [scope.ref]);
    await settle(client);
    await client.modifyDHCPFailoverRelationship({ ...created, percentage: 70, sharedSecret: undefined });
    assert.equal((await client.getDHCPFailoverRelationship(primary.ref, name)).percentage, 70);
    await client.replicateFailover({ dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: name });
    await client.replicateFailover({ dhcpServerRef: primary.ref, dhcpScopeRef: scope.ref });
    await client.removeScopesFromFailoverRelationship(primary.ref, name, [scope.ref], 'Delete');
    await client.removeDHCPFailoverRelationships([{ dhcpServerRef: primary.ref, dhcpFailoverRelationshipName: name }]);
    await newRelationship(client, primary, secondary, 'Second one');
    assert.ok((await client.command<{ requests: number }>('SimGetStats')).requests > 0, 'the simulator’s own commands too');

    const operations = Object.keys(sim.requestsByOperation());
    assert.deepEqual(operations.filter((operation) => operation.startsWith('command ')), [], 'no command went to the bridge after the probe');
    for (const command of ['AddDHCPFailoverRelationship', 'ModifyDHCPFailoverRelationship', 'AddDHCPScopesToDHCPFailoverRelationship', 'ReplicateDHCPFailover', 'RemoveDHCPScopesFromDHCPFailoverRelationship', 'RemoveDHCPFailoverRelationships']) {
      assert.ok(operations.includes(`jsonrpc ${command}`), `${command} went over JSON-RPC`);
    }
    assert.ok(operations.includes('POST DHCPScopes') && operations.includes('GET DHCPServers'), 'REST resources stay on REST');
  });

  it('types errors that JSON-RPC answers inside an HTTP 200 as the bridge would', async () => {
    const client = makeClient();
    await client.testConnection();
    const [primary, secondary] = await twoServers(client);
    await newRelationship(client, primary, secondary, 'Twice');
    await assert.rejects(newRelationship(client, primary, secondary, 'Twice'), (error: unknown) => {
      assert.ok(error instanceof MicetroValidationError);
      assert.equal(error.code, 20114);
      assert.equal(error.status, 200, 'the HTTP status as it came');
      return true;
    });
    await assert.rejects(client.command('GetDHCPScope', { dhcpScopeRef: 'DHCPScopes/999999' }), MicetroNotFoundError);
    await assert.rejects(client.command('NoSuchCommand'), MicetroNotFoundError);
  });

  it('logs in over JSON-RPC when neither micetro/sessions nor the bridge is there, renews an expired session, and logs out', async () => {
    await start({ sessionsEndpoint: false, basicAuth: false });
    const client = makeClient('session');
    await client.testConnection();
    assert.equal(sim.requestsByOperation()['jsonrpc Login'], 1);
    await client.command('SimExpireSessions');
    assert.ok((await client.getDHCPFailoverRelationships()).length > 0);
    assert.equal(sim.requestsByOperation()['jsonrpc Login'], 2, 'the expired session (5002 inside an HTTP 200) was renewed once');
    const expired = calls.find((call) => call.error?.code === 5002);
    assert.ok(expired?.error instanceof MicetroAuthError && !(expired.error instanceof MicetroPasswordRejectedError));
    await client.logout();
    assert.equal(sim.requestsByOperation()['jsonrpc Logout'], 1);
    assert.equal(calls.at(-1)?.operation, 'Logout');
    assert.equal(calls.at(-1)?.outcome, 'ok');
  });

  it('refuses a wrong password over JSON-RPC once, as code 16394', async () => {
    await start({ sessionsEndpoint: false });
    const client = new MicetroClient({ baseUrl: sim.url, username: 'admin', password: 'wrong', authMode: 'session', log: (call) => calls.push(call) });
    await assert.rejects(client.testConnection(), (error: unknown) => error instanceof MicetroPasswordRejectedError && error.code === 16394);
    assert.equal(sim.requestsByOperation()['jsonrpc Login'], 1);
  });
});
