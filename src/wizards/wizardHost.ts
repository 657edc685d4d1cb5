// What a wizard host needs from its panel, without vscode: the client, the log, and the page to talk to. The panel
// classes in src/ui/panels supply these; unit tests supply fakes and drive the host exactly as the page would.
import type { MicetroClient } from '../api/micetroClient';

export interface WizardHostDeps<ToWebview> {
  client: MicetroClient;
  log: { info(message: string): void };
  /** Writes a failure in full to the log (never a secret). */
  logFailure(doing: string, error: unknown): void;
  /** The one line a person sees for a failure. */
  describe(error: unknown): string;
  post(message: ToWebview): void;
  /** Closes the panel. */
  close(): void;
}

/** The answers to the page's `ready` that every wizard shares. */
type SetupMessage<Setup> = { t: 'init'; setup: Setup } | { t: 'loadFailed'; message: string };

/**
 * Answers the page's `ready` with its setup, or says what could not be read (the page then offers Retry, which sends
 * `ready` again). Returns whether the setup was sent.
 */
export async function answerReady<Setup>(deps: WizardHostDeps<SetupMessage<Setup>>, setup: RetryableLoad<Setup>, couldNotRead: string): Promise<boolean> {
  try {
    deps.post({ t: 'init', setup: await setup.get() });
    return true;
  } catch (error) {
    deps.post({ t: 'loadFailed', message: `Could not read ${couldNotRead}: ${deps.describe(error)}` });
    return false;
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
