// `MICETRO_SIMULATOR_PASSWORD=<pw> npm run simulator -- --host 127.0.0.1 --port 8089 --data ./sim.json --seed demo --user admin`
// Serves the simulated Micetro until SIGINT/SIGTERM, then stops cleanly (pending saves are flushed).
import { readFileSync } from 'node:fs';
import { parseCliArguments, USAGE, UsageError } from './cliArguments';
import { DataFileInUseError } from './dataFileLock';
import { DataFileError } from './jsonFileStore';
import { SimulatedClock } from './model';
import { resolveQuirks } from './quirks';
import { startSimulator } from './server';

function fail(message: string): never {
  console.error(`simulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function readPasswordFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    fail(`--password-file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const password = text.split(/\r?\n/)[0];
  if (!password) fail(`--password-file ${path} is empty: its first line is the password`);
  return password;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) fail(error.message);
    throw error;
  }
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const { passwordFile, clockSpeed, ...options } = parsed;
  const password = passwordFile !== undefined ? readPasswordFile(passwordFile) : process.env.MICETRO_SIMULATOR_PASSWORD || undefined;

  const started = Date.now();
  const simulator = await startSimulator({
    ...options,
    password,
    clock: new SimulatedClock({ speed: clockSpeed }),
    log: (message) => console.error(`simulator: ${message}`),
  });
  const quirks = resolveQuirks(options.profile, options.quirks);
  console.log(`Micetro API simulator listening on ${simulator.url} (ready in ${Date.now() - started} ms)`);
  console.log(`  REST:     ${simulator.url}/mmws/api/DHCPServers`);
  console.log(`  JSON-RPC: ${simulator.url}/mmws/json${quirks.has('no-command-bridge') ? ' (the only way to run commands: the command bridge answers 404)' : ''}`);
  console.log(`  user:     ${simulator.user}${quirks.has('no-basic-auth') ? ' (sessions only: HTTP Basic is refused)' : ''}`);
  if (password === undefined) console.log(`  password: ${simulator.password}   (generated; set MICETRO_SIMULATOR_PASSWORD or pass --password-file to choose one)`);
  console.log(`  data:     ${options.dataFile ?? 'in memory (pass --data <file> to keep changes)'}`);
  console.log(`  profile:  ${options.profile}${options.quirks.length > 0 ? ` + ${options.quirks.join(', ')}` : ''}`);
  if (options.latencyMs + options.jitterMs + options.pageCostMs > 0) {
    console.log(`  latency:  ${options.latencyMs} ms + 0..${options.jitterMs} ms jitter + ${options.pageCostMs} ms per 1,000 rows`);
  }
  if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    console.warn(`  warning:  bound to ${options.host}, reachable from other machines`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the simulator`);
    simulator.close().then(
      () => process.exit(0),
      (error) => {
        console.error(`simulator: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  const known = error instanceof DataFileError || error instanceof DataFileInUseError;
  console.error(known ? `simulator: ${error.message}` : `simulator: could not start: ${(error as Error).message}`);
  process.exit(1);
});
