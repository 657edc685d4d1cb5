// How a client talks to Micetro, as the status bar and the log name it: the API generation, where the failover
// commands go, and how it authenticates. A client learns the last two at connect (or on the first answer that says
// otherwise): a command bridge that answers 404, a Basic header that Micetro does not accept.

export interface ApiInUse {
  /** The resources: only REST v1 (`/mmws/api`) so far. */
  generation: 'REST v1';
  /** `jsonrpc` (`/mmws/json`) once the command bridge (`/mmws/api/command/*`) answered 404. */
  commands: 'bridge' | 'jsonrpc';
  authentication: 'basic' | 'session';
  /** HTTP Basic was asked for, Micetro refused it without refusing the password, and a session works instead. */
  basicRefused: boolean;
}

/** What changed since the client was built, and why. */
export type ApiChange = 'basicRefused' | 'commandBridgeMissing';

/** e.g. "Micetro REST v1, commands over JSON-RPC (the command bridge answered 404), session authentication". */
export function describeApiInUse(api: ApiInUse): string {
  const commands = api.commands === 'jsonrpc' ? 'commands over JSON-RPC (the command bridge answered 404)' : 'commands over the REST command bridge';
  const authentication =
    api.authentication === 'basic'
      ? 'HTTP Basic authentication'
      : api.basicRefused
        ? 'session authentication (Micetro refused HTTP Basic)'
        : 'session authentication';
  return `Micetro ${api.generation}, ${commands}, ${authentication}`;
}
