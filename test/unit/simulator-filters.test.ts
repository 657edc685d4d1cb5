// The list queries and write bodies real Micetro clients send, over REST: the filter operators (exact, contains,
// starts with, ends with, regex, !=) on names with spaces and quotes, terms joined by AND, sorting and paging with
// totalResults; saveComment in every write body; scope options read back exactly as sent.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock, SimulatorModel } from '../../src/simulator/model';
import { SIMULATOR_COMMANDS } from '../../src/simulator/model/simulatorModel';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import { createScopeIn } from './fixtures/modelScopes';

const PASSWORD = 'filters-pw';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

interface Named {
  ref: string;
  name: string;
}
interface Page {
  totalResults: number;
  dhcpScopes?: Named[];
  dhcpServers?: Named[];
}
interface Answer<Result> {
  status: number;
  body: { result: Result; error?: { code: number; message: string } };
}

/** The status and the JSON body (undefined when empty) of one request to `sim`. */
async function call<Result>(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<Answer<Result>> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { Authorization: BASIC, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Answer<Result>['body'] };
}

/** Servers 1–10 (1 and 10 so that an exact ref is seen not to match as a prefix), scopes with free-text names. */
const SERVER_NAMES = ['London office', 'London "HQ"', 'Paris office', 'dhcp-4', 'dhcp-5', 'dhcp-6', 'dhcp-7', 'dhcp-8', 'dhcp-9', 'Oslo'];
const SCOPES: Array<[name: string, network: string, server: number, description: string]> = [
  ['London office', '10.1.1.0/24', 1, 'first floor'],
  ['London office annex', '10.1.2.0/24', 1, 'a AND b'],
  ['West London office', '10.1.3.0/24', 1, ''],
  ['Say "hi" lab', '10.1.4.0/24', 1, 'quoted'],
  ['a.b (1)', '10.1.5.0/24', 1, ''],
  ['axb (1)', '10.1.6.0/24', 1, ''],
  ['Oslo office', '10.10.1.0/24', 10, ''],
];

function inventory(): SimulatorModel {
  const model = SimulatorModel.empty(new SimulatedClock({ start: Date.UTC(2025, 0, 1), speed: 0 }));
  for (const name of SERVER_NAMES) {
    model.inventory.addServer({ id: model.inventory.newServerId(), name, address: '192.0.2.1', type: 'MSDHCP', state: 'OK', enabled: true });
  }
  for (const [name, network, server, description] of SCOPES) {
    createScopeIn(model, { name, rangeRef: `Ranges/${network}`, dhcpServerRef: `DHCPServers/${server}`, description });
  }
  return model;
}

describe('simulator list queries and write bodies over REST', () => {
  let sim: RunningSimulator;
  let folder: string;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sim-filters-'));
    const dataFile = join(folder, 'sim.json');
    writeFileSync(dataFile, JSON.stringify(inventory().toJSON()));
    sim = await startSimulator({ dataFile, password: PASSWORD });
  });
  after(async () => {
    await sim.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const list = (collection: 'DHCPScopes' | 'DHCPServers', filter: string, extra = '') =>
    call<Page>(sim, 'GET', `/mmws/api/${collection}?filter=${encodeURIComponent(filter)}${extra}`);
  const names = async (collection: 'DHCPScopes' | 'DHCPServers', filter: string, extra = ''): Promise<string[]> => {
    const { status, body } = await list(collection, filter, extra);
    assert.equal(status, 200, JSON.stringify(body));
    return (body.result.dhcpScopes ?? body.result.dhcpServers ?? []).map((item) => item.name).sort();
  };
  const scopes = (filter: string) => names('DHCPScopes', filter);
  const servers = (filter: string) => names('DHCPServers', filter);

  it('matches a quoted value exactly and case-insensitively, spaces and quotes included', async () => {
    assert.deepEqual(await scopes('name="London office"'), ['London office']);
    assert.deepEqual(await scopes('name="LONDON OFFICE"'), ['London office']);
    assert.deepEqual(await scopes('name="Say \\"hi\\" lab"'), ['Say "hi" lab']);
    assert.deepEqual(await servers('name="London \\"HQ\\""'), ['London "HQ"']);
    assert.deepEqual(await scopes('description="a AND b"'), ['London office annex']);
  });

  it('reads an unquoted value up to the next AND, quotes and spaces included', async () => {
    assert.deepEqual(await scopes('name=London office'), ['London office']);
    assert.deepEqual(await scopes('name=Say "hi" lab'), ['Say "hi" lab']);
    assert.deepEqual(await servers('name=London "HQ"'), ['London "HQ"']);
    assert.deepEqual(await scopes('name=10.1.1.0/24'), [], 'a free-text scope is not found by its network');
  });

  it('matches contains (=@), starts with (=^) and ends with (=$), quoted or not', async () => {
    assert.deepEqual(await scopes('name=@"OFFICE"'), ['London office', 'London office annex', 'Oslo office', 'West London office']);
    assert.deepEqual(await scopes('name=@office'), ['London office', 'London office annex', 'Oslo office', 'West London office']);
    assert.deepEqual(await scopes('name=@"\\"hi\\""'), ['Say "hi" lab']);
    assert.deepEqual(await scopes('name=^"london"'), ['London office', 'London office annex']);
    assert.deepEqual(await scopes('name=$"office"'), ['London office', 'Oslo office', 'West London office']);
    assert.deepEqual(await scopes('name=$ANNEX'), ['London office annex']);
    assert.deepEqual(await servers('name=@" office"'), ['London office', 'Paris office']);
    assert.deepEqual(await servers('name=^"London"'), ['London "HQ"', 'London office']);
    assert.deepEqual(await servers('name=$"\\"HQ\\""'), ['London "HQ"']);
  });

  it('reads a quoted value after ^ as literal text and an unquoted one as a regular expression', async () => {
    assert.deepEqual(await scopes('name=^"a.b ("'), ['a.b (1)']);
    assert.deepEqual(await scopes('name=^a.b'), ['a.b (1)', 'axb (1)']);
    assert.deepEqual(await scopes('name=^(London|Oslo) office$'), ['London office', 'Oslo office']);
    const unbalanced = await list('DHCPScopes', 'name=^a.b (');
    assert.equal(unbalanced.status, 400);
    assert.match(String(unbalanced.body.error?.message), /invalid regular expression/);
    assert.deepEqual(await scopes('name:^say ".*" lab$'), ['Say "hi" lab']);
  });

  it('negates every operator with !=, without narrowing to one server', async () => {
    assert.deepEqual(await scopes('dhcpServerRef!=DHCPServers/1'), ['Oslo office']);
    assert.deepEqual(await scopes('name!="London office" AND name=^"London"'), ['London office annex']);
    assert.deepEqual(await scopes('name!=@office AND dhcpServerRef=DHCPServers/1'), ['Say "hi" lab', 'a.b (1)', 'axb (1)']);
    assert.deepEqual(await servers('name!=$office AND name=^"London"'), ['London "HQ"']);
  });

  it('joins terms with AND in any case, an AND inside quotes being part of the value', async () => {
    assert.deepEqual(await scopes('name=@"London" and description="a AND b"'), ['London office annex']);
    assert.deepEqual(await scopes('dhcpServerRef=DHCPServers/1 AND name=$"office" AND name!=^"west"'), ['London office']);
    assert.deepEqual(await scopes('dhcpServerRef=DHCPServers/1'), SCOPES.filter((s) => s[2] === 1).map((s) => s[0]).sort(), 'DHCPServers/1 is not a prefix of DHCPServers/10');
    assert.deepEqual(await scopes('dhcpServerRef="London office" AND name=@"hi"'), ['Say "hi" lab'], 'a server by its name');
  });

  it('answers a value without its closing quote, or text after a quoted value, with a 400 that says what to write', async () => {
    const open = await list('DHCPScopes', 'name="London office');
    assert.equal(open.status, 400);
    assert.match(String(open.body.error?.message), /no closing double quote/);
    const trailing = await list('DHCPScopes', 'name="London" office');
    assert.equal(trailing.status, 400);
    assert.match(String(trailing.body.error?.message), /Cannot read the filter term "name="London" office"; write field=value, field=@value/);
  });

  it('sorts, pages, and counts every match in totalResults', async () => {
    const filter = 'name=@"o" AND dhcpServerRef=DHCPServers/1';
    const all = await names('DHCPScopes', filter);
    const pages: string[] = [];
    for (let offset = 0; offset < all.length; offset += 2) {
      const { body } = await list('DHCPScopes', filter, `&sortBy=NAME&sortOrder=Descending&offset=${offset}&limit=2`);
      assert.equal(body.result.totalResults, all.length);
      assert.ok((body.result.dhcpScopes ?? []).length <= 2);
      pages.push(...(body.result.dhcpScopes ?? []).map((s) => s.name));
    }
    assert.deepEqual(pages, [...all].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })));
    const beyond = await list('DHCPScopes', filter, `&offset=${all.length}&limit=2`);
    assert.deepEqual([beyond.body.result.dhcpScopes, beyond.body.result.totalResults], [[], all.length]);
    const ascending = await list('DHCPServers', 'name=^"London"', '&sortBy=name&limit=1');
    assert.deepEqual([ascending.body.result.dhcpServers?.map((s) => s.name), ascending.body.result.totalResults], [['London "HQ"'], 2]);
  });
});

describe('simulator write bodies with saveComment', () => {
  const COMMENT = { saveComment: 'Change 4711, approved by the network team' };
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ seed: 'demo', password: PASSWORD, clock: new SimulatedClock({ start: Date.UTC(2025, 0, 1), speed: 0 }) });
  });
  after(async () => {
    await sim.close();
  });

  const send = (method: string, path: string, body?: unknown) => call<{ ref: string; dhcpOptions: unknown }>(sim, method, path, body);

  it('accepts and ignores saveComment in every REST write: POST, PUT and DELETE', async () => {
    const range = await send('POST', '/mmws/api/Ranges', { range: { name: '10.10.97.0/24' }, ...COMMENT });
    assert.equal(range.status, 201, JSON.stringify(range.body));
    const created = await send('POST', '/mmws/api/DHCPScopes', { dhcpScope: { name: '10.10.97.0/24', rangeRef: range.body.result.ref, dhcpServerRef: 'DHCPServers/1' }, ...COMMENT });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const scope = created.body.result.ref;
    const pool = await send('POST', `/mmws/api/${scope}/DHCPAddressPools`, { dhcpAddressPool: { from: '10.10.97.10', to: '10.10.97.200' }, ...COMMENT });
    assert.equal(pool.status, 201, JSON.stringify(pool.body));
    const exclusion = await send('POST', `/mmws/api/${scope}/DHCPExclusions`, { dhcpExclusion: { from: '10.10.97.10', to: '10.10.97.19' }, ...COMMENT });
    assert.equal(exclusion.status, 201, JSON.stringify(exclusion.body));
    assert.equal((await send('DELETE', `/mmws/api/${exclusion.body.result.ref}`, COMMENT)).status, 204);
    const reservation = { name: 'printer', clientIdentifier: '00-15-5d-00-00-01', addresses: ['10.10.97.20'] };
    const reserved = await send('POST', `/mmws/api/${scope}/DHCPReservations`, { dhcpReservation: reservation, ...COMMENT });
    assert.equal(reserved.status, 201, JSON.stringify(reserved.body));
    const put = await send('PUT', `/mmws/api/${scope}/Options`, { dhcpOptions: [{ option: '3', value: '10.10.97.1' }], ...COMMENT });
    assert.equal(put.status, 204, JSON.stringify(put.body));
    const changed = await send('PUT', `/mmws/api/${reserved.body.result.ref}`, { ref: reserved.body.result.ref, properties: [{ name: 'description', value: 'moved' }], deleteUnspecified: false, ...COMMENT });
    assert.equal(changed.status, 204, JSON.stringify(changed.body));
    const deleted = await send('DELETE', `/mmws/api/${scope}`, COMMENT);
    assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
    assert.equal((await send('DELETE', `/mmws/api/${range.body.result.ref}`, COMMENT)).status, 204);
  });

  it('reads scope options back exactly as they were put, in their order, each PUT replacing the last', async () => {
    const options = [
      { option: '6', value: '10.0.0.53,10.0.1.53' },
      { option: '3', value: '10.10.10.1' },
      { option: '15', value: 'corp "west" example.com' },
      { option: '252', value: '' },
      { option: '66', value: ' tftp.example.com ' },
    ];
    assert.equal((await send('PUT', '/mmws/api/DHCPScopes/1/Options', { dhcpOptions: options, ...COMMENT })).status, 204);
    assert.deepEqual((await send('GET', '/mmws/api/DHCPScopes/1/Options')).body.result.dhcpOptions, options);
    assert.equal((await send('PUT', '/mmws/api/DHCPScopes/1/Options', { dhcpOptions: options.slice(1, 2) })).status, 204);
    assert.deepEqual((await send('GET', '/mmws/api/DHCPScopes/1/Options')).body.result.dhcpOptions, options.slice(1, 2));
  });

  it('accepts and ignores saveComment in every mutating command, over the command bridge and JSON-RPC', async () => {
    const pair = { dhcpServerRef: 'DHCPServers/1', dhcpFailoverRelationshipName: 'commented' };
    const steps: Array<[command: string, params: Record<string, unknown>]> = [
      ['AddDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'commented', primaryServer: 'DHCPServers/1', secondaryServer: 'DHCPServers/4', failoverMode: 'LoadBalance', failoverServerType: 'PrimaryServer', mclt: 3600, safePeriod: 0, percentage: 50, dhcpScopeRefs: [] } }],
      ['AddDHCPScopesToDHCPFailoverRelationship', { ...pair, dhcpScopeRefs: ['10.10.99.0/24'] }],
      ['SimAdvanceClock', { seconds: 600 }],
      ['ModifyDHCPFailoverRelationship', { dhcpFailoverRelationship: { name: 'commented', dhcpServerRef: 'DHCPServers/1', mclt: 1800 } }],
      ['ReplicateDHCPFailover', pair],
      ['SimSetLeases', { dhcpScopeRef: 'DHCPScopes/1', activeLeases: 5 }],
      ['SimChangeScopeCopy', { dhcpScopeRef: 'DHCPScopes/1', setOption: { option: '42', value: '10.0.0.123' } }],
      ['SimCutLink', pair],
      ['SimSetPartnerDown', pair],
      ['SimRestoreLink', pair],
      ['SimStopDHCPServer', { dhcpServerRef: 'DHCPServers/6' }],
      ['SimStartDHCPServer', { dhcpServerRef: 'DHCPServers/6' }],
      ['SimAdvanceClock', { seconds: 7200 }],
      ['RemoveDHCPScopesFromDHCPFailoverRelationship', { ...pair, dhcpScopeRefs: ['10.10.99.0/24'], dhcpFailoverRelationshipDeconfigureAction: 'Delete' }],
      ['RemoveDHCPFailoverRelationships', { dhcpRefAndFailoverRelationshipNames: [pair] }],
      ['AddRange', { range: { name: '10.10.96.0/24' } }],
      ['AddDHCPAddressPool', { dhcpAddressPool: { from: '10.10.96.10', to: '10.10.96.20', dhcpScopeRef: 'DHCPScopes/10.10.96.0/24' } }],
      ['AddDHCPExclusion', { dhcpExclusion: { from: '10.10.96.10', to: '10.10.96.11', dhcpScopeRef: 'DHCPScopes/10.10.96.0/24' } }],
      ['SetProperties', { ref: 'DHCPReservations/1', properties: [{ name: 'description', value: 'commented' }] }],
      ['RemoveObject', { ref: 'Ranges/10.10.95.0/24' }],
    ];
    const model = SimulatorModel.empty();
    const mutating = SIMULATOR_COMMANDS.filter((command) => model.isMutating(command));
    assert.deepEqual(mutating.filter((command) => !steps.some(([step]) => step === command)), [], 'every mutating command has a step');
    for (const [index, [command, params]] of steps.entries()) {
      // The pool's scope (created through REST) and a range nobody uses, for RemoveObject.
      if (command === 'AddDHCPAddressPool') await send('POST', '/mmws/api/DHCPScopes', { dhcpScope: { name: '10.10.96.0/24', dhcpServerRef: 'DHCPServers/1' } });
      if (command === 'RemoveObject') await send('POST', '/mmws/api/Ranges', { range: { name: '10.10.95.0/24' } });
      const { status, body } = index % 2 === 0
        ? await send('POST', `/mmws/api/command/${command}`, { ...params, ...COMMENT })
        : await send('POST', '/mmws/json', { jsonrpc: '2.0', method: command, params: { ...params, ...COMMENT }, id: index });
      assert.equal(status, 200, `${command}: ${JSON.stringify(body)}`);
      assert.equal(body.error, undefined, `${command}: ${JSON.stringify(body)}`);
    }
  });
});
