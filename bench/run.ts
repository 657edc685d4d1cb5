// `npm run bench`: the performance figures at Micetro scale (500 servers, 50,000 scopes), each with its target,
// printed as one table and written to bench/results.md, and from there to the README's Performance section.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MicetroClient } from '../src/api/micetroClient';
import { bundleSizes } from './bundleSizes';
import { measureClientOverhead } from './clientOverhead';
import { measureDiffDocuments, measureDriftCheck, type DriftCheckFigures } from './driftFigures';
import type { ExtensionHostFigures, LatencyFigures } from './extension-host/index';
import { withPerformanceTable } from './readmeTable';
import { PROFILES } from '../src/simulator/quirks';
import { startSimulatorProcess, type SimulatorProcess } from './simulatorProcess';
import { measureThroughput } from './simulatorThroughput';
import { median } from './stats';

const ROOT = resolve(__dirname, '../..');
const PAGE = 1000;
/** The simulated WAN round trip of the latency rows. */
const LATENCY_MS = 100;
/** Fresh extension hosts per profile for the latency rows (each row the median). */
const LATENCY_RUNS = 3;

interface Row {
  group: string;
  what: string;
  figure: string;
  target: string;
  ok: boolean;
}

const rows: Row[] = [];
function row(group: string, what: string, figure: string, target: string, ok: boolean): void {
  rows.push({ group, what, figure, target, ok });
  console.log(`${ok ? 'ok  ' : 'MISS'} ${what}: ${figure} (target ${target})`);
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** Load time and memory: generating the large inventory, and loading it back from a data file. */
async function simulatorLoad(folder: string): Promise<void> {
  const dataFile = join(folder, 'large.json');
  const generated: number[] = [];
  const loaded: number[] = [];
  const memory: number[] = [];
  for (let run = 0; run < 3; run++) {
    rmSync(dataFile, { force: true });
    const fresh = await startSimulatorProcess(['--seed', 'large', '--data', dataFile]);
    generated.push(fresh.readyMs);
    await fresh.stop();
    const again = await startSimulatorProcess(['--data', dataFile]);
    loaded.push(again.readyMs);
    memory.push(again.rssMb());
    await again.stop();
  }
  row('Simulator', 'Large inventory generated (500 servers, 50,000 scopes), then saved', `${fixed(median(generated) / 1000, 2)} s`, '≤ 3 s', median(generated) <= 3000);
  row('Simulator', 'Large inventory loaded from its data file', `${fixed(median(loaded) / 1000, 2)} s`, '≤ 3 s', median(loaded) <= 3000);
  row('Simulator', 'Resident memory with the large inventory loaded', `${fixed(median(memory), 0)} MB`, '≤ 400 MB', median(memory) <= 400);
}

async function simulatorThroughput(sim: SimulatorProcess, servers: string[], biggestRef: string): Promise<void> {
  let turn = 0;
  const relationships = await measureThroughput(sim.url, sim.user, sim.password, () => ({
    method: 'POST',
    path: '/mmws/api/command/GetDHCPFailoverRelationships',
    body: JSON.stringify({ dhcpServerRef: servers[turn++ % servers.length] }),
  }));
  row(
    'Simulator',
    'GetDHCPFailoverRelationships{dhcpServerRef}, 16 concurrent clients',
    `${fixed(relationships.perSecond, 0)} req/s, p50 ${fixed(relationships.p50Ms)} ms, p99 ${fixed(relationships.p99Ms)} ms`,
    '≥ 2,000 req/s',
    relationships.perSecond >= 2000,
  );
  const filter = encodeURIComponent(`dhcpServerRef=${biggestRef}`);
  const pages = await measureThroughput(sim.url, sim.user, sim.password, () => ({
    method: 'GET',
    path: `/mmws/api/DHCPScopes?filter=${filter}&offset=${(turn++ % 20) * 100}&limit=100`,
  }));
  row(
    'Simulator',
    'Paged GET DHCPScopes (100 per page) of the biggest server, 16 concurrent clients',
    `${fixed(pages.perSecond, 0)} req/s, p50 ${fixed(pages.p50Ms)} ms, p99 ${fixed(pages.p99Ms)} ms`,
    'reported',
    true,
  );
}

/** Runs bench/extension-host inside a fresh code-server extension host, the way the integration tests run. */
async function extensionHost<T>(sim: SimulatorProcess, folder: string, part: 'activation' | 'actions' | 'latency'): Promise<T> {
  const out = join(folder, `extension-host-${part}.json`);
  const code = await new Promise<number | null>((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'test/vscode/run-integration.js'), ROOT, join(ROOT, 'dist/bench/extension-host/index')], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_PART: part, BENCH_SIM_URL: sim.url, BENCH_SIM_USER: sim.user, BENCH_SIM_PASSWORD: sim.password, BENCH_OUT: out },
    });
    child.once('exit', done);
  });
  if (code !== 0) throw new Error(`the extension-host part of the benchmark (${part}) failed (exit ${code})`);
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}

/** Activation happens once per extension host, so it is measured in several fresh hosts. */
async function activation(sim: SimulatorProcess, folder: string, runs = 5): Promise<{ activationMs: number; activateCallMs: number }> {
  const figures: Array<{ activationMs: number; activateCallMs: number }> = [];
  for (let run = 0; run < runs; run++) figures.push(await extensionHost(sim, folder, 'activation'));
  return { activationMs: median(figures.map((f) => f.activationMs)), activateCallMs: median(figures.map((f) => f.activateCallMs)) };
}

function reportExtensionHost(figures: ExtensionHostFigures): void {
  for (const action of figures.roundTrips) {
    const pages = action.scopes ? Math.ceil(action.scopes / PAGE) : 0;
    let target: string;
    let ok: boolean;
    if (action.action.startsWith('Open the Servers view')) {
      const unnamed = action.unnamedServers ?? 0;
      target = `≤ ${2 + unnamed} (servers + relationships + 1 per server the listing names nowhere: ${unnamed})`;
      ok = action.requests <= 2 + unnamed;
    } else if (action.action.startsWith('Expand the biggest server')) {
      target = '≤ 1';
      ok = action.requests <= 1;
    } else if (action.action.startsWith('Expand its biggest relationship') || action.action.startsWith('Open the Scopes view')) {
      // Networks come from IPAM ranges: the first view that needs them lists every range once per connection.
      const rangePages = action.ranges ? Math.ceil(action.ranges / PAGE) : 0;
      target = `≤ ${pages + 1 + rangePages} (1 + 1 per page of ${PAGE} scopes${rangePages ? ` + ${rangePages} pages listing ${action.ranges} ranges, once` : ''})`;
      ok = action.requests <= pages + 1 + rangePages;
    } else if (action.action.startsWith('Run a text filter')) {
      target = '≤ 1';
      ok = action.requests <= 1;
    } else if (action.action.startsWith('Replicate')) {
      // The preview reads both copies of every scope (4 requests each) before the one command runs.
      const reads = 8 * (action.scopes ?? 0);
      target = `1 change command (+ ${reads} preview reads, 8 per scope, + re-reading the affected servers)`;
      ok = action.changes === 1;
    } else {
      target = '1 change command (+ re-reading the affected servers)';
      ok = action.changes === 1;
    }
    row('Round trips', action.action, `${action.requests} requests (${action.changes} changing)`, target, ok);
  }
  for (const tree of figures.treeModel) row('Tree model', `${tree.what} → ${tree.children} nodes`, `${fixed(tree.ms, 2)} ms`, '≤ 20 ms', tree.ms <= 20);
  row(
    'Extension',
    'Activation in a fresh extension host (median of 5): loading the bundle and activate(), simulator start excluded',
    `${fixed(figures.activationMs, 1)} ms (activate() itself ${fixed(figures.activateCallMs, 1)} ms)`,
    '≤ 100 ms',
    figures.activationMs <= 100,
  );
}

/** Each wait's target in round trips (undefined: reported). */
function roundTripsAllowed(action: string): number | undefined {
  if (/^Servers view first rows|^Expand the biggest server|^Scopes view first rows|^A text filter/.test(action)) return 1;
  if (action.startsWith('Expand a ')) return 2;
  return undefined;
}

function reportLatency(profile: string, figures: LatencyFigures): void {
  for (const wait of figures.rows) {
    const ratio = wait.ms / LATENCY_MS;
    const allowed = roundTripsAllowed(wait.action);
    row(
      `At ${LATENCY_MS} ms latency, ${profile} profile`,
      wait.action,
      `${fixed(wait.ms, 0)} ms = ${fixed(ratio, 2)} round trips (${fixed(wait.requests, 0)} requests)`,
      allowed === undefined ? 'reported' : `≤ ${fixed(1.2 * allowed, 1)} round trips`,
      allowed === undefined || ratio <= 1.2 * allowed,
    );
  }
}

/** The large inventory at this size holds a 200-scope relationship (2.4 % of its scopes, on the biggest server). */
const DRIFT_INVENTORY_SCOPES = 8334;
const DRIFT_SCOPES = 200;

function reportDrift(check: DriftCheckFigures, diffMs: number): void {
  const group = 'Drift';
  const allowed = 2 + 2 * 4 * check.scopes;
  row(group, `Check for Drift over a ${check.scopes}-scope relationship: requests`, `${check.requests} requests`, `≤ ${allowed} (both servers' scope listings + 4 per copy of each scope)`, check.requests <= allowed);
  // Each round reads `concurrency` scopes, both copies and their four lists at once: one round trip per round.
  const rounds = Math.ceil(check.scopes / check.concurrency);
  row(
    group,
    `Check for Drift over a ${check.scopes}-scope relationship at ${LATENCY_MS} ms latency, ${check.concurrency} scopes at a time (the setting's default)`,
    `${fixed(check.ms / 1000, 2)} s = ${fixed(check.ms / LATENCY_MS, 1)} round trips`,
    `reported (floor: ${rounds + 1} round trips, the listings + ${rounds} rounds)`,
    true,
  );
  row(group, 'Both documents of the diff of a scope with 500 reservations, and their differences', `${fixed(diffMs, 2)} ms`, '≤ 50 ms', diffMs <= 50);
}

function writeResults(): void {
  const header = `# Benchmark results\n\nProduced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}.\nFigures are medians of several runs after a warm-up; ratios are taken side by side in the same run.\n\n`;
  const table = ['| group | measure | figure | target | met |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.group} | ${r.what} | ${r.figure} | ${r.target} | ${r.ok ? 'yes' : '**no**'} |`)];
  const results = `${header}${table.join('\n')}\n`;
  writeFileSync(join(ROOT, 'bench/results.md'), results);
  const readme = join(ROOT, 'README.md');
  writeFileSync(readme, withPerformanceTable(readFileSync(readme, 'utf8'), results));
}

/** The latency rows in both simulator profiles: `demo` (states, the all-servers listing split per server) and `micetro` (every quirk). */
async function latency(folder: string): Promise<void> {
  const only = process.env.BENCH_PROFILE;
  for (const profile of PROFILES.filter((name) => !only || name === only)) {
    console.log(`Running the extension-host part against the large inventory at --latency ${LATENCY_MS}, profile ${profile}…`);
    const slow = await startSimulatorProcess(['--seed', 'large', '--latency', String(LATENCY_MS), '--profile', profile]);
    try {
      // Each run is a first visit in a fresh extension host; every row is the median of the runs.
      const runs: LatencyFigures[] = [];
      for (let run = 0; run < LATENCY_RUNS; run++) runs.push(await extensionHost<LatencyFigures>(slow, folder, 'latency'));
      reportLatency(profile, {
        rows: runs[0].rows.map(({ action }) => {
          // By action: a row that fills in in the background may land before or after another.
          const same = runs.map((figures) => figures.rows.find((wait) => wait.action === action)!);
          return { action, ms: median(same.map((wait) => wait.ms)), requests: median(same.map((wait) => wait.requests)) };
        }),
      });
    } finally {
      await slow.stop();
    }
  }
}

/** `BENCH_ONLY=latency` (and `BENCH_PROFILE=demo|micetro`): only the latency rows, printed, results.md and the README left as they are (for tuning). */
async function latencyOnly(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'micetro-bench-'));
  try {
    await latency(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  if (rows.some((r) => !r.ok)) process.exitCode = 1;
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'latency') return latencyOnly();
  const folder = mkdtempSync(join(tmpdir(), 'micetro-bench-'));
  try {
    console.log('Measuring the simulator with the large inventory…');
    await simulatorLoad(folder);
    const sim = await startSimulatorProcess(['--seed', 'large']);
    try {
      const client = new MicetroClient({ baseUrl: sim.url, username: sim.user, password: sim.password });
      const servers = (await client.getDHCPServers()).map((server) => server.ref);
      const counts = new Map<string, number>();
      for (const scope of await client.getDHCPScopes()) counts.set(scope.dhcpServerRef, (counts.get(scope.dhcpServerRef) ?? 0) + 1);
      const [biggestRef, biggestCount] = [...counts].sort((a, b) => b[1] - a[1])[0];

      const overhead = await measureClientOverhead(sim.url, sim.user, sim.password, biggestRef);
      row(
        'Client',
        `MicetroClient fetching and typing the ${overhead.scopes} scopes of the biggest server vs a bare node:http GET of the same pages`,
        `${fixed(overhead.clientMs)} ms vs ${fixed(overhead.bareMs)} ms = ${fixed(overhead.ratio, 2)}×`,
        '≤ 1.5×',
        overhead.ratio <= 1.5,
      );
      await simulatorThroughput(sim, servers, biggestRef);
      console.log(`Running the extension-host part (biggest server has ${biggestCount} scopes)…`);
      const actions = await extensionHost<ExtensionHostFigures>(sim, folder, 'actions');
      reportExtensionHost({ ...actions, ...(await activation(sim, folder)) });
    } finally {
      await sim.stop();
    }
    await latency(folder);
    console.log(`Checking a ${DRIFT_SCOPES}-scope relationship for drift at --latency ${LATENCY_MS}…`);
    const drifting = await startSimulatorProcess(['--seed', 'large', '--scopes', String(DRIFT_INVENTORY_SCOPES), '--latency', String(LATENCY_MS)]);
    try {
      reportDrift(await measureDriftCheck(drifting, DRIFT_SCOPES), await measureDiffDocuments());
    } finally {
      await drifting.stop();
    }

    const sizes = bundleSizes();
    row('Extension', 'Minified dist/extension.js', `${fixed(sizes.extensionKb)} KB`, '≤ 400 KB', sizes.extensionKb <= 400);
    for (const webview of sizes.webviews) row('Extension', `Minified dist/webview/${webview.name}`, `${fixed(webview.kb)} KB`, '≤ 250 KB', webview.kb <= 250);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  writeResults();
  const width = Math.max(...rows.map((r) => r.what.length));
  console.log('\nResults (also in bench/results.md):\n');
  for (const r of rows) console.log(`${r.ok ? 'ok  ' : 'MISS'}  ${r.what.padEnd(width)}  ${r.figure}  [target ${r.target}]`);
  const missed = rows.filter((r) => !r.ok).length;
  console.log(`\n${rows.length - missed} of ${rows.length} figures meet their targets.`);
  if (missed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
