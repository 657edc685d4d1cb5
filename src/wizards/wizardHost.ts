// What a wizard host needs from its panel, without vscode: the client, the log, and the page to talk to. The panel
// classes in src/ui/panels supply these; unit tests supply fakes and drive the host exactly as the page would.
// Also what every host does at its boundary: nothing from the page is trusted until its schema accepted it, a
// refused message is logged and told to the page, and no failure while handling a message goes unhandled.
import * as v from 'valibot';
import type { MicetroApi } from '../api/micetroApi';
import type { HostErrorMessage } from './messages';

export interface WizardHostDeps<ToWebview> {
  client: MicetroApi;
  log: { info(message: string): void; warn(message: string): void };
  /** Writes a failure in full to the log (never a secret). */
  logFailure(doing: string, error: unknown): void;
  /** The one line a person sees for a failure. */
  describe(error: unknown): string;
  post(message: ToWebview): void;
  /** Closes the panel. */
  close(): void;
}

/** The longest part of a page's value quoted in a log line or a refusal. */
const QUOTED_LENGTH = 80;

function cut(text: string): string {
  return text.length > QUOTED_LENGTH ? `${text.slice(0, QUOTED_LENGTH)}… (${text.length} characters)` : text;
}

/** A value from the page, quoted for a log line: JSON (so a newline cannot forge a line) and cut short. */
export function quoted(value: unknown): string {
  return cut(JSON.stringify(value) ?? String(value));
}

/**
 * Where the schema found the message wrong. It names what was received as valibot does (a length, a type, a value
 * that is not a string), never a string that passed its type check, so a too-long shared secret stays out of the log.
 */
function schemaProblem(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => `${v.getDotPath(issue) ?? 'the message'}: ${issue.type} expected ${issue.expected ?? 'something else'}, got ${cut(issue.received)}`)
    .join('; ');
}

/** Says in the log and on the page that a message was refused; nothing else happens. */
export function refuse(deps: WizardHostDeps<HostErrorMessage>, page: string, reason: string): void {
  deps.log.warn(`Refused a message from the ${page} page: ${reason}.`);
  deps.post({ t: 'hostError', message: `The extension refused what this page sent: ${reason}.` });
}

/** A page reported its own failure: it goes to the log (the page shows it itself). */
export function logPageError(deps: WizardHostDeps<HostErrorMessage>, page: string, message: string): void {
  deps.log.warn(`The ${page} page failed: ${quoted(message)}`);
}

/**
 * The one way into a host: checks `raw` against the page's schema and refuses it unless it fits, then runs
 * `handle`; a failure there is logged and shown on the page. Never rejects.
 */
export async function receiveFromPage<Message>(
  deps: WizardHostDeps<HostErrorMessage>,
  page: string,
  schema: v.GenericSchema<unknown, Message>,
  raw: unknown,
  handle: (message: Message) => Promise<void>,
): Promise<void> {
  const parsed = v.safeParse(schema, raw);
  if (!parsed.success) {
    refuse(deps, page, `a malformed message (${schemaProblem(parsed.issues)})`);
    return;
  }
  try {
    await handle(parsed.output);
  } catch (error) {
    deps.logFailure(`Handling a message from the ${page} page`, error);
    deps.post({ t: 'hostError', message: `The extension failed to handle what this page sent: ${deps.describe(error)}` });
  }
}

/** The answers to the page's `ready` that every wizard shares. */
type SetupMessage<Setup> = { t: 'init'; setup: Setup } | { t: 'loadFailed'; message: string };

/**
 * Answers the page's `ready` with its setup, or says what could not be read (the page then offers Retry, which sends
 * `ready` again). Returns the setup sent, if it was.
 */
export async function answerReady<Setup>(deps: WizardHostDeps<SetupMessage<Setup>>, setup: RetryableLoad<Setup>, couldNotRead: string): Promise<Setup | undefined> {
  try {
    const loaded = await setup.get();
    deps.post({ t: 'init', setup: loaded });
    return loaded;
  } catch (error) {
    deps.post({ t: 'loadFailed', message: `Could not read ${couldNotRead}: ${deps.describe(error)}` });
    return undefined;
  }
}

/**
 * Loads once and keeps the result; after a failure the next `get` loads again, so the page's Retry can work.
 * The first load starts at once, and a failure nobody asked for yet is not an unhandled rejection.
 */
export class RetryableLoad<T> {
  private current: Promise<T> | undefined;

  constructor(private readonly load: () => Promise<T>) {
    this.get().catch(() => undefined);
  }

  get(): Promise<T> {
    if (!this.current) {
      const attempt = this.load();
      this.current = attempt;
      attempt.catch(() => {
        if (this.current === attempt) this.current = undefined;
      });
    }
    return this.current;
  }
}
