// The simulator CLI's command line: what it accepts (its usage text, with the quirk list from quirks.ts) and what it
// means as startSimulator options. No I/O here, so a unit test can hold every option to its meaning.
import { parseArgs } from 'node:util';
import type { SimulatorSeed } from './model';
import { PROFILES, QUIRKS, resolveQuirks, type SimulatorProfile } from './quirks';

const QUIRK_COLUMN = Math.max(...QUIRKS.map((quirk) => quirk.name.length)) + 4;

export const USAGE = `Micetro API simulator

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
  --profile <name>      ${PROFILES.join(' | ')} (default demo): demo is the kind simulator with its extensions
                        (state, enableAuth); micetro serves only the documented API, with every quirk below on
  --quirk <name>        one quirk on top of the profile (repeatable):
${QUIRKS.map((quirk) => `    ${quirk.name.padEnd(QUIRK_COLUMN)}${quirk.description.replace(/`/g, '')}`).join('\n')}
  --no-basic-auth       refuse HTTP Basic (401, code 5002), as a Micetro whose AuthorizationMethods leaves it out;
                        sessions (POST /mmws/api/micetro/sessions or Login, then Bearer) keep working
                        (the same as --quirk no-basic-auth)
  --no-command-bridge   answer /mmws/api/command/* with 404 (unknown resource), as a Micetro without the REST
                        command bridge; JSON-RPC (POST /mmws/json) still serves every command, Login included
                        (the same as --quirk no-command-bridge)
  --latency <ms>        every answer waits this long (a WAN Micetro; the Sim* controls answer at once)
  --jitter <ms>         every answer waits a random 0..ms more
  --page-cost <ms>      a listing waits this much more per 1,000 rows, pro rata
  --help                this text
`;

/** A command line the CLI refuses; the message says what is wrong. */
export class UsageError extends Error {}

export interface CliArguments {
  host: string;
  port: number;
  dataFile?: string;
  seed: SimulatorSeed;
  user: string;
  passwordFile?: string;
  clockSpeed: number;
  profile: SimulatorProfile;
  /** The quirks asked for beyond the profile's, each name known. */
  quirks: string[];
  latencyMs: number;
  jitterMs: number;
  pageCostMs: number;
}

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  return value;
}

/** The options of `args` (without node and the script), or 'help'; a bad command line throws UsageError. */
export function parseCliArguments(args: readonly string[]): CliArguments | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
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
        profile: { type: 'string', default: 'demo' },
        quirk: { type: 'string', multiple: true, default: [] },
        'no-basic-auth': { type: 'boolean', default: false },
        'no-command-bridge': { type: 'boolean', default: false },
        latency: { type: 'string' },
        jitter: { type: 'string' },
        'page-cost': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const port = whole('port', values.port, 8089);
  if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  let seed: SimulatorSeed;
  if (values.seed === 'large') seed = { servers: whole('servers', values.servers, 500), scopes: whole('scopes', values.scopes, 50_000) };
  else if (values.seed === 'demo' || values.seed === 'empty') seed = values.seed;
  else throw new UsageError(`--seed must be demo, empty or large, got "${values.seed}"`);
  const clockSpeed = Number(values['clock-speed']);
  if (!(clockSpeed > 0)) throw new UsageError(`--clock-speed must be a positive number, got "${values['clock-speed']}"`);
  if (values.password !== undefined) {
    throw new UsageError('--password is not accepted: the command line shows up in `ps` and in npm\'s echo of the command. Set MICETRO_SIMULATOR_PASSWORD, or pass --password-file <file>');
  }

  const profile = values.profile as SimulatorProfile;
  const quirks = [...values.quirk, ...(values['no-basic-auth'] ? ['no-basic-auth'] : []), ...(values['no-command-bridge'] ? ['no-command-bridge'] : [])];
  try {
    resolveQuirks(profile, quirks);
  } catch (error) {
    throw new UsageError(`--profile/--quirk: ${(error as Error).message}`);
  }
  return {
    host: values.host,
    port,
    dataFile: values.data,
    seed,
    user: values.user,
    passwordFile: values['password-file'],
    clockSpeed,
    profile,
    quirks: [...new Set(quirks)],
    latencyMs: whole('latency', values.latency, 0),
    jitterMs: whole('jitter', values.jitter, 0),
    pageCostMs: whole('page-cost', values['page-cost'], 0),
  };
}
