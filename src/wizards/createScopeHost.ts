// The Create Scope form's host side without vscode: lists the servers, loads the chosen server's scopes and
// relationships, creates the scope and then adds it to the chosen relationship. If that second step fails the scope
// stays created, and a second Create offers the retry of the add instead of creating the scope again. The last
// result is kept and sent again after every `init`, so a result posted while the tab was hidden is not lost.
// Only servers the form offered are read or written, only once the form was shown, one request at a time, and the
// retry of an add only after an add failed (for the scope the host created, whatever the page says).
import type { DHCPServer } from '../api/types';
import { assertNever } from './assertNever';
import { createScopeSetup, isScopeReady, scopeServerContext, scopeToSend, type CreateScopeSetup, type CreateScopeValues, type ScopeServerContext } from './createScopeForm';
import type { CreateScopeFromWebview, CreateScopeToWebview } from './messages';
import { createScopeFromWebviewSchema } from './pageMessageSchemas';
import { answerReady, logPageError, quoted, receiveFromPage, refuse, RetryableLoad, type WizardHostDeps } from './wizardHost';

export interface CreateScopeTarget {
  server?: DHCPServer;
  relationshipName?: string;
  onCreated(created: { scopeRef: string; dhcpServerRef: string }): Promise<void>;
}

type CreateScopeResult = Extract<CreateScopeToWebview, { t: 'createFailed' | 'addToRelationshipFailed' }>;

const PAGE = 'Create Scope';

export class CreateScopeHost {
  private readonly setup: RetryableLoad<CreateScopeSetup>;
  /** The setup the page was sent: its servers are the only ones the form may read or write. */
  private shown: CreateScopeSetup | undefined;
  /** The last server context sent, so submit checks against what the page saw. */
  private readonly contexts = new Map<string, ScopeServerContext>();
  /** A scope that exists; reported to `onCreated` when the panel closes. */
  private created: { scopeRef: string; dhcpServerRef: string } | undefined;
  /** The last failure the page was told about, told again after every `init`. */
  private lastResult: CreateScopeResult | undefined;
  /** A create or add is running; a second one is refused. */
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

  /** Anything the page posted: checked against the schema first; never rejects. */
  receive(message: unknown): Promise<void> {
    return receiveFromPage(this.deps, PAGE, createScopeFromWebviewSchema, message, (checked) => this.handle(checked));
  }

  private async handle(message: CreateScopeFromWebview): Promise<void> {
    switch (message.t) {
      case 'ready': {
        const shown = await answerReady(this.deps, this.setup, 'the DHCP servers');
        if (!shown) return;
        this.shown = shown;
        if (this.lastResult) this.deps.post(this.lastResult);
        return;
      }
      case 'loadServer': {
        const refusal = this.serverRefusal(message.serverRef);
        if (refusal) return refuse(this.deps, PAGE, `a request to read ${refusal}`);
        await this.loadServer(message.serverRef);
        return;
      }
      case 'cancel':
        this.deps.close();
        return;
      case 'submit': {
        const refusal = this.serverRefusal(message.values.serverRef);
        if (refusal) return refuse(this.deps, PAGE, `a Create on ${refusal}`);
        return this.exclusive('a Create', () => this.create(message.values));
      }
      case 'retryAdd': {
        const failure = this.lastResult;
        if (failure?.t !== 'addToRelationshipFailed') return refuse(this.deps, PAGE, 'a retry of adding a scope to a relationship, but no add has failed');
        return this.exclusive('a retry', () => this.addToRelationship(failure.scopeRef, failure.dhcpServerRef, failure.relationshipName, failure.scopeName));
      }
      case 'pageError':
        logPageError(this.deps, PAGE, message.message);
        return;
      default:
        assertNever(message);
    }
  }

  /** Why the page may not name this server: the form is not shown yet, or did not offer it. */
  private serverRefusal(serverRef: string): string | undefined {
    if (!this.shown) return 'a server before the form was shown';
    if (!this.shown.servers.some((server) => server.ref === serverRef)) return `the server ${quoted(serverRef)}, which the form did not offer`;
    return undefined;
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

  private async exclusive(what: string, run: () => Promise<void>): Promise<void> {
    if (this.busy) return refuse(this.deps, PAGE, `${what} while the last request is still running`);
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
      // The scope exists already: creating it again would fail or duplicate it. If its add failed, the page is
      // offered the retry again.
      if (this.lastResult?.t === 'addToRelationshipFailed') this.deps.post(this.lastResult);
      else refuse(this.deps, PAGE, 'a second Create after the scope was created');
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
