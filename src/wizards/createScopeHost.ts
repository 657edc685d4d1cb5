// The Create Scope form's host side without vscode: lists the servers, loads the chosen server's scopes and
// relationships, creates the scope and then adds it to the chosen relationship. If that second step fails the scope
// stays created, and a second Create offers the retry of the add instead of creating the scope again. The last
// result is kept and sent again after every `init`, so a result posted while the tab was hidden is not lost.
import type { DHCPServer } from '../api/types';
import { createScopeSetup, isScopeReady, scopeServerContext, scopeToSend, type CreateScopeSetup, type CreateScopeValues, type ScopeServerContext } from './createScopeForm';
import type { CreateScopeFromWebview, CreateScopeToWebview } from './messages';
import { answerReady, RetryableLoad, type WizardHostDeps } from './wizardHost';

export interface CreateScopeTarget {
  server?: DHCPServer;
  relationshipName?: string;
  onCreated(created: { scopeRef: string; dhcpServerRef: string }): Promise<void>;
}

type CreateScopeResult = Extract<CreateScopeToWebview, { t: 'createFailed' | 'addToRelationshipFailed' }>;

export class CreateScopeHost {
  private readonly setup: RetryableLoad<CreateScopeSetup>;
  /** The last server context sent, so submit checks against what the page saw. */
  private readonly contexts = new Map<string, ScopeServerContext>();
  /** A scope that exists; reported to `onCreated` when the panel closes. */
  private created: { scopeRef: string; dhcpServerRef: string } | undefined;
  /** The last failure the page was told about, told again after every `init`. */
  private lastResult: CreateScopeResult | undefined;
  /** A create or add is running; a second one waits for nothing and is ignored. */
  private busy = false;

  constructor(
    private readonly deps: WizardHostDeps<CreateScopeToWebview>,
    private readonly target: CreateScopeTarget,
  ) {
    this.setup = new RetryableLoad(() =>
      deps.client.getDHCPServers().then(
        (servers) => createScopeSetup(servers, target.server?.ref, target.relationshipName),
        (error: unknown) => {
          deps.logFailure('Loading the Create Scope form', error);
          throw error;
        },
      ),
    );
  }

  async receive(message: CreateScopeFromWebview): Promise<void> {
    switch (message.t) {
      case 'ready':
        if (!(await answerReady(this.deps, this.setup, 'the DHCP servers'))) return;
        if (this.lastResult) this.deps.post(this.lastResult);
        return;
      case 'loadServer':
        await this.loadServer(message.serverRef);
        return;
      case 'cancel':
        this.deps.close();
        return;
      case 'submit':
        return this.exclusive(() => this.create(message.values));
      case 'retryAdd':
        return this.exclusive(() => this.addToRelationship(message.scopeRef, message.dhcpServerRef, message.relationshipName, message.scopeName));
    }
  }

  /** The panel was closed: the scope created, if any, is reported. */
  async disposed(): Promise<void> {
    const created = this.created;
    if (!created) return;
    this.created = undefined;
    try {
      await this.target.onCreated(created);
    } catch (error) {
      this.deps.logFailure('Showing the new scope', error);
    }
  }

  private async exclusive(run: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await run();
    } finally {
      this.busy = false;
    }
  }

  private report(result: CreateScopeResult): void {
    this.lastResult = result;
    this.deps.post(result);
  }

  private async loadServer(serverRef: string): Promise<ScopeServerContext | undefined> {
    const { client } = this.deps;
    try {
      const [scopes, relationships] = await Promise.all([
        client.getDHCPScopes({ filter: `dhcpServerRef=${serverRef}` }),
        client.getDHCPFailoverRelationships(serverRef),
      ]);
      const context = scopeServerContext(serverRef, scopes, relationships);
      this.contexts.set(serverRef, context);
      this.deps.post({ t: 'serverContext', context });
      return context;
    } catch (error) {
      this.deps.logFailure(`Reading the scopes and relationships of ${serverRef}`, error);
      this.deps.post({ t: 'serverLoadFailed', serverRef, message: this.deps.describe(error) });
      return undefined;
    }
  }

  private async create(values: CreateScopeValues): Promise<void> {
    const { client, log } = this.deps;
    if (this.created) {
      // The scope exists already (its add to the relationship failed): creating it again would fail or duplicate it.
      if (this.lastResult?.t === 'addToRelationshipFailed') this.deps.post(this.lastResult);
      return;
    }
    const context = this.contexts.get(values.serverRef) ?? (await this.loadServer(values.serverRef));
    if (!isScopeReady(values, context)) {
      this.report({ t: 'createFailed', message: 'Some values are not valid yet; fix the fields that show a message.' });
      return;
    }
    const scope = scopeToSend(values);
    log.info(`Creating scope ${scope.name} on ${scope.dhcpServerRef}${values.relationshipName ? ` for failover relationship "${values.relationshipName}"` : ''}`);
    let scopeRef: string;
    try {
      scopeRef = await client.addDHCPScope(scope);
    } catch (error) {
      this.deps.logFailure(`Creating scope ${scope.name}`, error);
      this.report({ t: 'createFailed', message: this.deps.describe(error) });
      return;
    }
    log.info(`Created scope ${scope.name} (${scopeRef}).`);
    this.created = { scopeRef, dhcpServerRef: scope.dhcpServerRef };
    this.lastResult = undefined;
    if (!values.relationshipName) {
      this.deps.close();
      return;
    }
    await this.addToRelationship(scopeRef, scope.dhcpServerRef, values.relationshipName, scope.name);
  }

  private async addToRelationship(scopeRef: string, dhcpServerRef: string, relationshipName: string, scopeName: string): Promise<void> {
    const { client, log } = this.deps;
    this.created = { scopeRef, dhcpServerRef };
    try {
      await client.addScopesToFailoverRelationship(dhcpServerRef, relationshipName, [scopeRef]);
    } catch (error) {
      this.deps.logFailure(`Adding scope ${scopeName} to failover relationship "${relationshipName}"`, error);
      this.report({ t: 'addToRelationshipFailed', scopeRef, scopeName, dhcpServerRef, relationshipName, message: this.deps.describe(error) });
      return;
    }
    log.info(`Added scope ${scopeName} to failover relationship "${relationshipName}".`);
    this.lastResult = undefined;
    this.deps.close();
  }
}
