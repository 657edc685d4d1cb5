// The client's one boundary for what Micetro answers: a scripted loopback server sends answers a real Micetro may
// give, and the client normalises them or names the operation and the field that is missing.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MicetroUnexpectedAnswerError } from '../../src/api/errors';
import { MicetroClient } from '../../src/api/micetroClient';
import { relationship, scope, server } from './fixtures';

/** Answers every request with `{result: answer(path, body)}`. */
async function scripted(answer: (path: string, body: Record<string, unknown>) => unknown): Promise<{ client: MicetroClient; close: () => Promise<void> }> {
  const http: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ result: answer(new URL(request.url!, 'http://x').pathname, text ? (JSON.parse(text) as Record<string, unknown>) : {}) }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const client = new MicetroClient({ baseUrl: `http://127.0.0.1:${port}`, username: 'admin', password: 'pw' });
  return {
    client,
    close: async () => {
      client.dispose();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

describe('MicetroClient: logging in to a Micetro without micetro/sessions', () => {
  for (const status of [400, 405]) {
    it(`falls back to command/Login when micetro/sessions answers ${status} as an unknown object`, async () => {
      const paths: string[] = [];
      const http: Server = createServer((request, response) => {
        const path = new URL(request.url!, 'http://x').pathname;
        paths.push(path);
        request.resume();
        request.on('end', () => {
          const answer =
            path === '/mmws/api/micetro/sessions'
              ? { status, body: { error: { code: 2049, message: 'Object not found for reference: micetro' } } }
              : path === '/mmws/api/command/Login'
                ? { status: 200, body: { result: { session: 'S1' } } }
                : { status: 200, body: { result: { dhcpServers: [server(1)], totalResults: 1 } } };
          response.writeHead(answer.status, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify(answer.body));
        });
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const { port } = http.address() as AddressInfo;
      const client = new MicetroClient({ baseUrl: `http://127.0.0.1:${port}`, username: 'admin', password: 'pw', authMode: 'session' });
      try {
        assert.equal((await client.getDHCPServers()).length, 1);
        assert.deepEqual(paths, ['/mmws/api/micetro/sessions', '/mmws/api/command/Login', '/mmws/api/DHCPServers']);
      } finally {
        client.dispose();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      }
    });
  }
});

describe("MicetroClient: what Micetro answers, checked where it enters", () => {
  it('reads an Empty relationship whose dhcpScopeRefs is null as no scopes', async () => {
    const { client, close } = await scripted(() => ({
      dhcpFailoverRelationships: [{ ...relationship('empty', 'dhcp-1', 'dhcp-2'), dhcpScopeRefs: null, dhcpServerRef: 'DHCPServers/1' }],
    }));
    try {
      const [read] = await client.getDHCPFailoverRelationships('DHCPServers/1');
      assert.deepEqual(read.dhcpScopeRefs, []);
    } finally {
      await close();
    }
  });

  it('fills a relationship’s missing dhcpServerRef with the server it was listed for, and keeps state and enableAuth', async () => {
    const { client, close } = await scripted((_path, body) => ({
      dhcpFailoverRelationships: [{ ...relationship('r1', 'dhcp-1', 'dhcp-2'), state: 'PartnerDown', enableAuth: true, extra: 'dropped' }],
      asked: body.dhcpServerRef,
    }));
    try {
      const [read] = await client.getDHCPFailoverRelationships('DHCPServers/7');
      assert.equal(read.dhcpServerRef, 'DHCPServers/7');
      assert.equal(read.state, 'PartnerDown');
      assert.equal(read.enableAuth, true);
      assert.ok(!('extra' in read));
    } finally {
      await close();
    }
  });

  it('fills a scope’s missing dhcpServerRef from the listing’s filter, and keeps refs as Micetro gives them', async () => {
    const { dhcpServerRef: _omitted, ...bare } = scope('10.1.0.0/24', { ref: 'DHCPScopes/42', rangeRef: 'Ranges/6' });
    const { client, close } = await scripted(() => ({ dhcpScopes: [bare], totalResults: 1 }));
    try {
      const [read] = await client.getDHCPScopes({ filter: 'dhcpServerRef=DHCPServers/3' });
      assert.equal(read.dhcpServerRef, 'DHCPServers/3');
      assert.equal(read.ref, 'DHCPScopes/42');
      assert.equal(read.rangeRef, 'Ranges/6');
      await assert.rejects(client.getDHCPScopes(), (error: unknown) => {
        assert.ok(error instanceof MicetroUnexpectedAnswerError);
        assert.match(error.message, /GET DHCPScopes has no dhcpServerRef/);
        return true;
      });
    } finally {
      await close();
    }
  });

  it('refuses a server without a name, naming the operation and the field', async () => {
    const { name: _omitted, ...nameless } = server(2);
    const { client, close } = await scripted(() => ({ dhcpServers: [server(1), nameless], totalResults: 2 }));
    try {
      await assert.rejects(client.getDHCPServers(), (error: unknown) => {
        assert.ok(error instanceof MicetroUnexpectedAnswerError);
        assert.equal(error.operation, 'GET DHCPServers');
        assert.equal(error.message, "Micetro's answer to GET DHCPServers has no name (item 2 of the list).");
        return true;
      });
    } finally {
      await close();
    }
  });

  it('refuses an answer that is not an object', async () => {
    const { client, close } = await scripted(() => 'surprise');
    try {
      await assert.rejects(client.getDHCPServers(), (error: unknown) => {
        assert.ok(error instanceof MicetroUnexpectedAnswerError);
        assert.match(error.message, /^Micetro's answer to GET DHCPServers is "surprise", not Object\.$/);
        return true;
      });
      await assert.rejects(client.getDHCPFailoverRelationship('DHCPServers/1', 'r1'), MicetroUnexpectedAnswerError);
    } finally {
      await close();
    }
  });
});
