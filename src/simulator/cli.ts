// `MICETRO_SIMULATOR_PASSWORD=<pw> npm run simulator -- --host 127.0.0.1 --port 8089 --data ./sim.json --seed demo --user admin`
// Serves the simulated Micetro until SIGINT/SIGTERM, then stops cleanly (pending saves are flushed).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataFileInUseError } from './dataFileLock';
import { DataFileError } from './jsonFileStore';
import { SimulatedClock, type SimulatorSeed } from './model';
import { startSimulator } from './server';

const USAGE = `Micetro API simulator

Usage: npm run simulator -- [options]

  --host <address>      address to bind (default 127.0.0.1; anything else exposes it to the network)
  --port <n>            port (default 8089; 0 = any free port)
  --data <file>         JSON data file that keeps changes (default: in memory only); one simulator owns it
                        at a time, another one refuses it
  --seed <name>         inventory for a new data file: demo | empty | large (default demo)
  --servers <n>         size of the large inventory (default 500 servers)
  --scopes <n>          size of the large inventory (default 50000 scopes)
  --user <name>         user name to accept (default admin)
  --password-file <f>   file whose first line is the password to accept
                        (default: $MICETRO_SIMULATOR_PASSWORD, else generated and printed once; a password is
                        never taken on the command line, where ps and npm's echo of the command would show it)
  --clock-speed <x>     simulated seconds per real second for failover timers (default 1)
  --no-basic-auth       refuse HTTP Basic (401, code 5002), as a Micetro whose AuthorizationMethods leaves it out;
                        sessions (POST /mmws/api/micetro/sessions or Login, then Bearer) keep working
  --no-command-bridge   answer /mmws/api/command/* with 404 (unknown resource), as a Micetro without the REST
                        command bridge; JSON-RPC (POST /mmws/json) still serves every command, Login included
  --help                this text
`;

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

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8089' },
        data: { type: 'string' },
        seed: { type: 'string', default: 'demo' },
        servers: { type: 'string' },
        scopes: { type: 'string' },
        user: { type: 'string', default: 'admin' },
        // Only to refuse it with a message saying what to use instead.
        password: { type: 'string' },
        'password-file': { type: 'string' },
        'clock-speed': { type: 'string', default: '1' },
        'no-basic-auth': { type: 'boolean', default: false },
        'no-command-bridge': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = whole('port', values.port, 8089);
  if (port > 65535) fail(`--port must be at most 65535, got ${port}`);
  let seed: SimulatorSeed;
  if (values.seed === 'large') seed = { servers: whole('servers', values.servers, 500), scopes: whole('scopes', values.scopes, 50_000) };
  else if (values.seed === 'demo' || values.seed === 'empty') seed = values.seed;
  else fail(`--seed must be demo, empty or large, got "${values.seed}"`);
  const speed = Number(values['clock-speed']);
  if (!(speed > 0)) fail(`--clock-speed must be a positive number, got "${values['clock-speed']}"`);

  if (values.password !== undefined) {
    fail('--password is not accepted: the command line shows up in `ps` and in npm\'s echo of the command. Set MICETRO_SIMULATOR_PASSWORD, or pass --password-file <file>');
  }
  const password = values['password-file'] !== undefined ? readPasswordFile(values['password-file']) : process.env.MICETRO_SIMULATOR_PASSWORD || undefined;

  const started = Date.now();
  const simulator = await startSimulator({
    host: values.host,
    port,
    dataFile: values.data,
    seed,
    user: values.user,
    password,
    basicAuth: !values['no-basic-auth'],
    commandBridge: !values['no-command-bridge'],
    clock: new SimulatedClock({ speed }),
    log: (message) => console.error(`simulator: ${message}`),
  });
  console.log(`Micetro API simulator listening on ${simulator.url} (ready in ${Date.now() - started} ms)`);
  console.log(`  REST:     ${simulator.url}/mmws/api/DHCPServers`);
  console.log(`  JSON-RPC: ${simulator.url}/mmws/json${values['no-command-bridge'] ? ' (the only way to run commands: the command bridge answers 404)' : ''}`);
  console.log(`  user:     ${simulator.user}${values['no-basic-auth'] ? ' (sessions only: HTTP Basic is refused)' : ''}`);
  if (password === undefined) console.log(`  password: ${simulator.password}   (generated; set MICETRO_SIMULATOR_PASSWORD or pass --password-file to choose one)`);
  console.log(`  data:     ${values.data ?? 'in memory (pass --data <file> to keep changes)'}`);
  if (values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1') {
    console.warn(`  warning:  bound to ${values.host}, reachable from other machines`);
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
