// Micetro passwords live only in SecretStorage, one per URL + user name; the URL and user name in globalState.
import type * as vscode from 'vscode';

export interface MicetroLogin {
  url: string;
  user: string;
}

const LAST_LOGIN_KEY = 'dhcpFailover.lastMicetroLogin';

export class CredentialStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {}

  getPassword(login: MicetroLogin): Thenable<string | undefined> {
    return this.secrets.get(secretKey(login));
  }

  async savePassword(login: MicetroLogin, password: string): Promise<void> {
    await this.secrets.store(secretKey(login), password);
  }

  async forgetPassword(login: MicetroLogin): Promise<void> {
    await this.secrets.delete(secretKey(login));
  }

  /** The last URL and user name that connected, to prefill the next Connect to Micetro…. */
  lastLogin(): MicetroLogin | undefined {
    return this.state.get<MicetroLogin>(LAST_LOGIN_KEY);
  }

  async rememberLogin(login: MicetroLogin): Promise<void> {
    await this.state.update(LAST_LOGIN_KEY, login);
  }
}

function secretKey(login: MicetroLogin): string {
  return `dhcpFailover.password:${JSON.stringify([login.url, login.user])}`;
}
