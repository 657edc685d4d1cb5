// `npm test`: every layer in order (types, lint, setup of the system parts and code-server, unit, integration and
// end-to-end in each simulator profile), each even when an earlier one failed, then one summary that repeats every
// failing test's report, so the end of a long log says what failed. A layer that cannot run fails loudly; none is
// skipped. The strict `micetro` profile answers as the documented Micetro API does at its most hostile (no states,
// no command bridge so commands go over JSON-RPC, HTTP Basic off so the extension logs in with a session).
'use strict';
const { spawn } = require('node:child_process');

const LAYERS = [
  ['types', 'npm run typecheck'],
  ['lint', 'npm run lint'],
  ['setup', 'npm run vscode:setup'],
  ['unit', 'npm run test:unit'],
  ['integration (demo profile)', 'npm run test:integration'],
  ['integration (micetro profile)', 'npm run test:integration -- --profile micetro'],
  ['end-to-end (demo profile)', 'npm run test:e2e'],
  // The tree walk (every view and context menu of the Servers tree) and the drift walk against the strict answers.
  ['end-to-end (micetro profile)', 'npm run test:e2e -- --profile micetro --grep "Servers tree|Drift"'],
];
const TOTALS = /^(?:\w+: )?(\d+) passed, (\d+) failed/;
/** Mocha's "N failing" heading: the failure reports follow it, up to the totals line. */
const FAILING = /^\s*\d+ failing\s*$/;

function run(command) {
  return new Promise((done) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let last;
    let failures;
    let collecting = false;
    // A line can end in the next chunk: each stream keeps its unfinished last line.
    const pending = new Map();
    const scan = (chunk, stream) => {
      stream.write(chunk);
      const lines = ((pending.get(stream) ?? '') + chunk.toString()).split('\n');
      pending.set(stream, lines.pop());
      for (const line of lines) {
        const match = TOTALS.exec(line.trim());
        if (match) {
          last = { passed: Number(match[1]), failed: Number(match[2]) };
          collecting = false;
        } else if (FAILING.test(line)) {
          failures = [];
          collecting = true;
        } else if (collecting) failures.push(line);
      }
    };
    child.stdout.on('data', (chunk) => scan(chunk, process.stdout));
    child.stderr.on('data', (chunk) => scan(chunk, process.stderr));
    child.on('close', (code) => done({ code, totals: last, failures: failures?.join('\n').trim() }));
  });
}

async function main() {
  const results = [];
  for (const [name, command] of LAYERS) {
    console.log(`\n=== ${name}: ${command}`);
    const started = Date.now();
    const { code, totals, failures } = await run(command);
    results.push({ name, code, totals, failures, seconds: (Date.now() - started) / 1000 });
  }
  for (const { name, failures } of results) {
    if (failures) console.log(`\n=== failing in ${name}\n${failures}`);
  }
  console.log('\n=== summary');
  let passed = 0;
  let failed = 0;
  for (const { name, code, totals, seconds } of results) {
    const counts = totals ? `${totals.passed} passed, ${totals.failed} failed` : code === 0 ? 'ok' : 'FAILED';
    console.log(`${name.padEnd(30)} ${counts.padEnd(24)} exit ${code}  ${seconds.toFixed(0)} s`);
    passed += totals ? totals.passed : 0;
    // A layer that failed without counting its tests counts as one failure, so it cannot pass unseen.
    failed += totals ? Math.max(totals.failed, code === 0 ? 0 : 1) : code === 0 ? 0 : 1;
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || results.some((result) => result.code !== 0) ? 1 : 0;
}

main().catch((error) => {
  console.error(`npm test: ${error.message}`);
  process.exit(1);
});
