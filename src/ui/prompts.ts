// Every question and notification a command shows goes through `Prompts`, so integration tests can answer them.
import * as vscode from 'vscode';

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
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
  value: T;
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

export interface Prompts {
  /** One item; throws CancelledError when dismissed. */
  pick<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T>;
  /** At least one item; throws CancelledError when dismissed or nothing is chosen. */
  pickMany<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T[]>;
  /** Text; throws CancelledError when dismissed. */
  input(options: InputOptions): Promise<string>;
  /** A modal question with one action; throws CancelledError unless the action is chosen. */
  confirm(message: string, detail: string, action: string): Promise<void>;
  /** One line for a failure; "Show Log" opens the log. */
  showError(message: string): void;
  showInfo(message: string): void;
}

/** The real dialogs. */
export class WindowPrompts implements Prompts {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  async pick<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T> {
    const chosen = await vscode.window.showQuickPick(items.slice(), { ...options, ignoreFocusOut: true, matchOnDescription: true });
    if (!chosen) throw new CancelledError();
    return chosen.value;
  }

  async pickMany<T>(items: readonly PickItem<T>[], options: PickOptions): Promise<T[]> {
    const chosen = await vscode.window.showQuickPick(items.slice(), {
      ...options,
      canPickMany: true,
      ignoreFocusOut: true,
      matchOnDescription: true,
    });
    if (!chosen || chosen.length === 0) throw new CancelledError();
    return chosen.map((item) => item.value);
  }

  async input(options: InputOptions): Promise<string> {
    const text = await vscode.window.showInputBox({
      title: options.title,
      prompt: options.prompt,
      value: options.value,
      placeHolder: options.placeHolder,
      password: options.password,
      ignoreFocusOut: true,
      validateInput: options.validate,
    });
    if (text === undefined) throw new CancelledError();
    return text;
  }

  async confirm(message: string, detail: string, action: string): Promise<void> {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    if (answer !== action) throw new CancelledError();
  }

  showError(message: string): void {
    void vscode.window.showErrorMessage(message, 'Show Log').then((answer) => {
      if (answer) this.log.show(true);
    });
  }

  showInfo(message: string): void {
    void vscode.window.showInformationMessage(message);
  }
}
