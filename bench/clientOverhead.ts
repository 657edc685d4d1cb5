// Client overhead against the wire: MicetroClient fetching and typing every scope of one server, against a
// bare node:http GET of the same pages that reads the bytes and parses nothing. Taken side by side, alternating.
import { request } from 'node:http';
import { MicetroClient } from '../src/api/micetroClient';
import { median } from './stats';

const PAGE = 1000;
const CONCURRENCY = 4;

function bareGet(url: string, authorization: string): Promise<number> {
  return new Promise((done, fail) => {
    request(url, { headers: { Authorization: authorization, Accept: 'application/json' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => done(bytes));
      response.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
}

/** The same page requests the client makes, with the same parallelism, without parsing. */
async function bareFetchAll(baseUrl: string, authorization: string, filter: string, total: number): Promise<void> {
  const offsets: number[] = [];
  for (let offset = 0; offset < total; offset += PAGE) offsets.push(offset);
  // The client must read the first page to learn the total; so does this.
  const page = (offset: number) =>
    bareGet(`${baseUrl}/mmws/api/DHCPScopes?filter=${encodeURIComponent(filter)}&offset=${offset}&limit=${PAGE}`, authorization);
  await page(offsets[0]);
  let next = 1;
  const worker = async () => {
    while (next < offsets.length) await page(offsets[next++]);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

export interface OverheadResult {
  scopes: number;
  clientMs: number;
  bareMs: number;
  ratio: number;
}

export async function measureClientOverhead(baseUrl: string, user: string, password: string, serverRef: string, runs = 15): Promise<OverheadResult> {
  const client = new MicetroClient({ baseUrl, username: user, password, pageSize: PAGE });
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const filter = `dhcpServerRef=${serverRef}`;
  const scopes = (await client.getDHCPScopes({ filter })).length; // warm-up
  await bareFetchAll(baseUrl, authorization, filter, scopes);
  const clientTimes: number[] = [];
  const bareTimes: number[] = [];
  const ratios: number[] = [];
  const timeClient = async () => {
    const started = performance.now();
    const typed = await client.getDHCPScopes({ filter });
    if (typed.length !== scopes) throw new Error(`the client read ${typed.length} scopes, expected ${scopes}`);
    return performance.now() - started;
  };
  const timeBare = async () => {
    const started = performance.now();
    await bareFetchAll(baseUrl, authorization, filter, scopes);
    return performance.now() - started;
  };
  for (let run = 0; run < runs; run++) {
    // Alternate which goes first, so neither always meets a warmer server.
    const [clientMs, bareMs] = run % 2 === 0 ? [await timeClient(), await timeBare()] : [await timeBare(), await timeClient()].reverse();
    clientTimes.push(clientMs);
    bareTimes.push(bareMs);
    ratios.push(clientMs / bareMs);
  }
  return { scopes, clientMs: median(clientTimes), bareMs: median(bareTimes), ratio: median(ratios) };
}
