// Every question and notification a command shows goes through `Prompts`, so integration tests can answer them.
import * as vscode from 'vscode';
import type { CommandWithoutArgument } from './commands/commandMap';
import { executeCommand } from './commands/executeCommand';
import { plainText } from './plainText';

/** The user dismissed a question; commands stop silently. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/** By name, so a CancelledError thrown by prompts from another bundle (the tests') counts too. */
export function isCancellation(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && error.name === 'CancelledError');
}

export interface PickItem<T> {
  /** Shown as text (see plainText): `$(…)` in a server's name is not turned into an icon. */
  label: string;
  description?: string;
  detail?: string;
  /** A codicon shown before the label, e.g. `plug`. */
  icon?: string;
  picked?: boolean;
  value: T;
}

type QuickPickEntry<T> = vscode.QuickPickItem & { value: T };

/** Quick pick items whose texts show as typed: names from Micetro may contain `$(`, which would render as an icon. */
export function toQuickPickItems<T>(items: readonly PickItem<T>[]): QuickPickEntry<T>[] {
  const text = (value: string | undefined) => (value === undefined ? undefined : plainText(value));
  return items.map((item) => ({
    label: plainText(item.label),
    description: text(item.description),
    detail: text(item.detail),
    iconPath: item.icon ? new vscode.ThemeIcon(item.icon) : undefined,
    picked: item.picked,
    value: item.value,
  }));
}

export interface PickOptions {
  title: string;
  placeHolder: string;
}

export interface InputOptions {
  title: string;
  prompt: string;
  value?: string;
  placeHolder?: string;
  password?: boolean;
  /** Returns a message when the text is not acceptable. */
  validate?(text: string): string | undefined;
}

/** A button of an error notification that runs a command, e.g. Reconnect…. */
export interface ErrorAction {
  title: string;
  command: CommandWithoutArgument;
}

export interface Prompts {
  /** One item; throws CancelledError when dismissed. */
  pick<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T>;
  /** At least one item; throws CancelledError when dismissed or nothing is chosen. */
  pickMany<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T[]>;
  /** Text; throws CancelledError when dismissed. */
  input(options: InputOptions): Promise<string>;
  /** A modal question with one action; throws CancelledError unless the action is chosen. */
  confirm(message: string, detail: string, action: string): Promise<void>;
  /**
   * A question with several actions, the first the one that goes ahead; returns the one chosen, throws
   * CancelledError when dismissed or cancelled. `modal: false` asks in a notification (with a Cancel button), which
   * leaves the editors usable, e.g. to read a diff first.
   */
  choose(message: string, detail: string, actions: readonly string[], modal?: boolean): Promise<string>;
  /** One line for a failure; "Show Log" opens the log, `action` (when given) runs its command. */
  showError(message: string, action?: ErrorAction): void;
  showInfo(message: string): void;
}

/** A notification's own way out (a modal dialog has one already). */
const CANCEL = 'Cancel';

/**
 * The real dialogs. Every text they show goes through plainText: a message quotes names and errors from Micetro,
 * and VS Code would render a `[text](command:…)` in it as a link that runs the command.
 */
export class WindowPrompts implements Prompts {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  async pick<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T> {
    const chosen = await vscode.window.showQuickPick(toQuickPickItems(items), { ...plainOptions(options), ignoreFocusOut: true, matchOnDescription: true });
    if (!chosen) throw new CancelledError();
    return chosen.value;
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T[]> {
    const chosen = await vscode.window.showQuickPick(toQuickPickItems(items), {
      ...plainOptions(options),
      canPickMany: true,
      ignoreFocusOut: true,
      matchOnDescription: true,
    });
    if (!chosen || chosen.length === 0) throw new CancelledError();
    return chosen.map((item) => item.value);
  }

  async input(options: InputOptions): Promise<string> {
    const text = await vscode.window.showInputBox({
      title: plainText(options.title),
      prompt: plainText(options.prompt),
      // The value is the user's to edit, so it stays exactly as it is.
      value: options.value,
      placeHolder: options.placeHolder === undefined ? undefined : plainText(options.placeHolder),
      password: options.password,
      ignoreFocusOut: true,
      validateInput: options.validate && ((text) => {
        const problem = options.validate?.(text);
        return problem === undefined ? undefined : plainText(problem);
      }),
    });
    if (text === undefined) throw new CancelledError();
    return text;
  }

  async confirm(message: string, detail: string, action: string): Promise<void> {
    const answer = await vscode.window.showWarningMessage(plainText(message), { modal: true, detail: plainText(detail) }, action);
    if (answer !== action) throw new CancelledError();
  }

  async choose(message: string, detail: string, actions: readonly string[], modal = true): Promise<string> {
    const answer = modal
      ? await vscode.window.showWarningMessage(plainText(message), { modal: true, detail: plainText(detail) }, ...actions)
      : await vscode.window.showWarningMessage(plainText(`${message} ${detail}`), ...actions, CANCEL);
    if (answer === undefined || answer === CANCEL) throw new CancelledError();
    return answer;
  }

  showError(message: string, action?: ErrorAction): void {
    const buttons = action ? [action.title, 'Show Log'] : ['Show Log'];
    void vscode.window.showErrorMessage(plainText(message), ...buttons).then((answer) => {
      if (answer === 'Show Log') this.log.show(true);
      else if (action && answer === action.title) void executeCommand(action.command);
    });
  }

  showInfo(message: string): void {
    void vscode.window.showInformationMessage(plainText(message));
  }
}

function plainOptions(options: PickOptions): PickOptions {
  return { title: plainText(options.title), placeHolder: plainText(options.placeHolder) };
}
