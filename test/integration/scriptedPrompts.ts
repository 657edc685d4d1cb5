// Answers the commands' questions from a script, and records the errors and notices they show.
import type { ErrorAction, InputOptions, PickItem, PickOptions, Prompts } from '../../src/ui/prompts';
import { CancelledError } from '../../src/ui/prompts';

type Answer =
  | { kind: 'pick'; choose: (items: readonly PickItem<unknown>[]) => PickItem<unknown> | undefined }
  | { kind: 'pickMany'; choose: (items: readonly PickItem<unknown>[]) => PickItem<unknown>[] }
  | { kind: 'input'; text: string | undefined }
  | { kind: 'confirm'; accept: boolean }
  /** An action of a question with several (`choose`); undefined dismisses it. */
  | { kind: 'choose'; action: string | undefined };

/** What a command asked, in order, for assertions. */
export interface Question {
  kind: Answer['kind'];
  title: string;
  /** The labels offered; for an input box, the text it was prefilled with. */
  choices: string[];
}

const matches = (item: PickItem<unknown>, pattern: string | RegExp) =>
  typeof pattern === 'string' ? item.label === pattern : pattern.test(`${item.label} ${item.description ?? ''}`);

function describe(items: readonly PickItem<unknown>[]): string {
  return items.map((item) => `"${item.label}"`).join(', ');
}

/** Picks the item whose label equals `pattern` (a string) or whose label + description match it (a RegExp). */
export function pick(pattern: string | RegExp): Answer {
  return {
    kind: 'pick',
    choose: (items) => {
      const found = items.find((item) => matches(item, pattern));
      if (!found) throw new Error(`No choice matches ${pattern} among ${describe(items)}`);
      return found;
    },
  };
}

export function pickMany(...patterns: (string | RegExp)[]): Answer {
  return {
    kind: 'pickMany',
    choose: (items) =>
      patterns.map((pattern) => {
        const found = items.find((item) => matches(item, pattern));
        if (!found) throw new Error(`No choice matches ${pattern} among ${describe(items)}`);
        return found;
      }),
  };
}

export const type = (text: string): Answer => ({ kind: 'input', text });
export const dismiss = (): Answer => ({ kind: 'input', text: undefined });
export const accept = (): Answer => ({ kind: 'confirm', accept: true });
export const decline = (): Answer => ({ kind: 'confirm', accept: false });
/** Clicks `action` of a question with several; `accept()` and `decline()` answer one too (its first action, or none). */
export const answer = (action: string): Answer => ({ kind: 'choose', action });

/**
 * Every ScriptedPrompts made by any suite. Each test file is bundled on its own, with its own copy of this module,
 * so the registry lives on `globalThis`, where the integration entry finds them all after each test.
 */
const REGISTRY = Symbol.for('dhcpFailover.integration.scriptedPrompts');

function registry(): Set<ScriptedPrompts> {
  const shared = globalThis as { [REGISTRY]?: Set<ScriptedPrompts> };
  return (shared[REGISTRY] ??= new Set());
}

/**
 * What each test left scripted but never asked (the command asked fewer questions than the test expected), one
 * line per prompts object; the leftovers are dropped, so the next test starts clean. The integration entry fails
 * every test that leaves any.
 */
export function takeUnusedAnswers(): string[] {
  const unused: string[] = [];
  for (const prompts of registry()) {
    const left = prompts.dropUnused();
    if (left) unused.push(left);
  }
  return unused;
}

export class ScriptedPrompts implements Prompts {
  private answers: Answer[] = [];
  readonly questions: Question[] = [];
  readonly errors: string[] = [];
  /** The button each error offered besides Show Log, if any (same order as `errors`). */
  readonly errorActions: (ErrorAction | undefined)[] = [];
  readonly notices: string[] = [];
  /** The detail text of every confirmation shown. */
  readonly confirmations: string[] = [];
  /** For each question with several actions, whether it was a modal dialog (false: a notification). */
  readonly modal: boolean[] = [];

  constructor() {
    registry().add(this);
  }

  /**
   * Queues the answers of the next command run; clears what was recorded. Answers the last run left unused fail
   * here, before they are replaced.
   */
  script(...answers: Answer[]): this {
    const left = this.dropUnused();
    if (left) throw new Error(left);
    this.answers = answers;
    this.questions.length = 0;
    this.errors.length = 0;
    this.errorActions.length = 0;
    this.notices.length = 0;
    this.confirmations.length = 0;
    this.modal.length = 0;
    return this;
  }

  /** Answers left over mean the command asked fewer questions than the test expected. */
  get unanswered(): number {
    return this.answers.length;
  }

  /** Says what was scripted but never asked, if anything, and forgets it. */
  dropUnused(): string | undefined {
    if (this.answers.length === 0) return undefined;
    const left = `${this.answers.length} scripted answer(s) unused: the command asked only ${JSON.stringify(this.questions)}`;
    this.answers = [];
    return left;
  }

  async pick<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T> {
    const answer = this.next('pick', options.title, items.map((item) => item.label));
    const chosen = answer.choose(items);
    if (!chosen) throw new CancelledError();
    return chosen.value as T;
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T[]> {
    const answer = this.next('pickMany', options.title, items.map((item) => item.label));
    const chosen = answer.choose(items);
    if (chosen.length === 0) throw new CancelledError();
    return chosen.map((item) => item.value as T);
  }

  async input(options: InputOptions): Promise<string> {
    const answer = this.next('input', options.title, options.value === undefined ? [] : [options.value]);
    if (answer.text === undefined) throw new CancelledError();
    const problem = options.validate?.(answer.text);
    if (problem) throw new Error(`The input box of "${options.title}" refused "${answer.text}": ${problem}`);
    return answer.text;
  }

  async confirm(message: string, detail: string, action: string): Promise<void> {
    const answer = this.next('confirm', message, [action]);
    this.confirmations.push(`${message} ${detail}`);
    if (!answer.accept) throw new CancelledError();
  }

  async choose(message: string, detail: string, actions: readonly string[], modal = true): Promise<string> {
    const answer = this.next(['choose', 'confirm'], message, [...actions]);
    this.confirmations.push(`${message} ${detail}`);
    this.modal.push(modal);
    const action = answer.kind === 'confirm' ? (answer.accept ? actions[0] : undefined) : answer.action;
    if (action === undefined) throw new CancelledError();
    if (!actions.includes(action)) throw new Error(`"${message}" offers ${JSON.stringify(actions)}, not "${action}"`);
    return action;
  }

  showError(message: string, action?: ErrorAction): void {
    this.errors.push(message);
    this.errorActions.push(action);
  }

  showInfo(message: string): void {
    this.notices.push(message);
  }

  /** The next answer, which must be of `kinds` (the first is the kind of question asked). */
  private next<K extends Answer['kind']>(kinds: K | K[], title: string, choices: string[]): Extract<Answer, { kind: K }> {
    const accepted: Answer['kind'][] = Array.isArray(kinds) ? kinds : [kinds];
    const kind = accepted[0];
    this.questions.push({ kind, title, choices });
    const answer = this.answers.shift();
    if (!answer) throw new Error(`Unexpected question (${kind}): ${title}`);
    if (!accepted.includes(answer.kind)) throw new Error(`Expected a ${answer.kind} but the command asked a ${kind}: ${title}`);
    return answer as Extract<Answer, { kind: K }>;
  }
}
