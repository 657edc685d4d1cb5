// The Create Scope form's host side without vscode: lists the servers and the first page of IPAM ranges (the
// form's suggestions), loads the chosen server's scopes and relationships, then creates the scope as the real API
// does: in the network's existing IPAM range (or one it creates when the user asked), `POST DHCPScopes` with the
// documented fields only, its pool and each exclusion with their own commands, the add to the relationship, and a
// read-back. If a later step fails, the page is told exactly what exists and offered Finish (the missing steps
// only) or Undo (delete what was created). The last result is kept and sent again after every `init`, so a result
// posted while the tab was hidden is not lost. Only servers the form offered are read or written, only once the
// form was shown, one request at a time, and Finish or Undo only for the scope this host created, whatever the
// page says.
import { MicetroNotFoundError } from '../api/errors';
import type { DHCPServer } from '../api/types';
import { scopesOnServer } from '../api/scopesOnServer';
import { assertNever } from './assertNever';
import {
  addressBlocksToSend,
  createScopeSetup,
  isScopeReady,
  knownRanges,
  RANGE_SUGGESTION_LIMIT,
  scopeNetworkOf,
  scopeServerContext,
  scopeToSend,
  type CreateScopeSetup,
  type CreateScopeValues,
  type KnownRanges,
  type ScopeServerContext,
} from './createScopeForm';
import type { CreateScopeFromWebview, CreateScopeToWebview, PartialScopeCreation } from './messages';
import { createScopeFromWebviewSchema } from './pageMessageSchemas';
import { answerReady, logPageError, quoted, receiveFromPage, refuse, RetryableLoad, type WizardHostDeps } from './wizardHost';

export interface CreateScopeTarget {
  server?: DHCPServer;
  relationshipName?: string;
  onCreated(created: { scopeRef: string; dhcpServerRef: string }): Promise<void>;
}

type CreateScopeResult = Extract<CreateScopeToWebview, { t: 'createFailed' | 'partlyCreated' }>;

const PAGE = 'Create Scope';

export class CreateScopeHost {
  private readonly setup: RetryableLoad<CreateScopeSetup>;
  /** The setup the page was sent: its servers are the only ones the form may read or write. */
  private shown: CreateScopeSetup | undefined;
  /** The last server context sent, so submit checks against what the page saw. */
  private readonly contexts = new Map<string, ScopeServerContext>();
  /** A scope that exists; reported to `onCreated` when the panel closes. */
  private created: { scopeRef: string; dhcpServerRef: string } | undefined;
  /** A creation that is partly done: what Finish completes and Undo deletes. */
  private progress: CreationProgress | undefined;
  /** The last failure the page was told about, told again after every `init`. */
  private lastResult: CreateScopeResult | undefined;
  /** A create or add is running; a second one is refused. */
  private busy = false;

  constructor(
    private readonly deps: WizardHostDeps<CreateScopeToWebview>,
    private readonly target: CreateScopeTarget,
  ) {
    this.setup = new RetryableLoad(() =>
      Promise.all([deps.client.getDHCPServers(), this.readRanges()]).then(
        ([servers, ranges]) => createScopeSetup(servers, target.server?.ref, target.relationshipName, ranges),
        (error: unknown) => {
          deps.logFailure('Loading the Create Scope form', error);
          throw error;
        },
      ),
    );
  }

  /** The first page of ranges, for the suggestions; undefined when they cannot be read (the form still works). */
  private async readRanges(): Promise<KnownRanges | undefined> {
    try {
      return knownRanges(await this.deps.client.getRangesPage({ offset: 0, limit: RANGE_SUGGESTION_LIMIT }));
    } catch (error) {
      this.deps.logFailure('Reading the IPAM ranges for the Create Scope form', error);
      return undefined;
    }
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
      case 'finish':
      case 'undo': {
        if (this.lastResult?.t !== 'partlyCreated' || !this.progress) return refuse(this.deps, PAGE, `${message.t === 'finish' ? 'a Finish' : 'an Undo'}, but no creation is partly done`);
        return this.exclusive(message.t === 'finish' ? 'a Finish' : 'an Undo', () => (message.t === 'finish' ? this.finish() : this.undo()));
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
        // A filter may also match another server's ref (a partial match): keep this server's scopes only.
        scopesOnServer(client, serverRef),
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
    if (this.progress) {
      // The scope exists already: creating it again would fail or duplicate it; the page is offered Finish or Undo.
      if (this.lastResult?.t === 'partlyCreated') this.deps.post(this.lastResult);
      else refuse(this.deps, PAGE, 'a second Create after the scope was created');
      return;
    }
    const context = this.contexts.get(values.serverRef) ?? (await this.loadServer(values.serverRef));
    if (!isScopeReady(values, context, this.shown?.ranges)) {
      this.report({ t: 'createFailed', message: 'Some values are not valid yet; fix the fields that show a message.' });
      return;
    }
    const network = scopeNetworkOf(values);
    const range = await this.rangeFor(network, values.createRange);
    if (!range) return;
    const scope = scopeToSend(values, range.ref);
    log.info(`Creating scope ${scope.name} in range ${network} (${range.ref}) on ${scope.dhcpServerRef}${values.relationshipName ? ` for failover relationship "${values.relationshipName}"` : ''}`);
    let scopeRef: string;
    try {
      scopeRef = await client.addDHCPScope(scope);
    } catch (error) {
      this.deps.logFailure(`Creating scope ${scope.name}`, error);
      await this.undoRange(range);
      this.report({ t: 'createFailed', message: this.deps.describe(error) });
      return;
    }
    log.info(`Created scope ${scope.name} (${scopeRef}).`);
    this.created = { scopeRef, dhcpServerRef: scope.dhcpServerRef };
    this.progress = { values, scopeName: scope.name, scopeRef, range, poolRef: undefined, exclusionRefs: [], inRelationship: false };
    this.lastResult = undefined;
    await this.finish();
  }

  /**
   * The range of `network`: the existing one, or (when the user asked) a new one. Undefined after telling the page
   * why there is none; nothing was created then.
   */
  private async rangeFor(network: string, createRange: boolean): Promise<CreationProgress['range'] | undefined> {
    const { client } = this.deps;
    try {
      return { ref: (await client.getRange(`Ranges/${network}`)).ref, created: false };
    } catch (error) {
      if (!(error instanceof MicetroNotFoundError)) {
        this.deps.logFailure(`Reading the IPAM range ${network}`, error);
        this.report({ t: 'createFailed', message: `Could not read the IPAM range ${network}: ${this.deps.describe(error)}` });
        return undefined;
      }
    }
    if (!createRange) {
      this.report({ t: 'createFailed', message: `Micetro has no IPAM range ${network}, and a scope is created in an existing range. Tick "Create the range" to create it, or create it in Micetro first.` });
      return undefined;
    }
    try {
      const ref = await client.addRange({ name: network, subnet: true });
      this.deps.log.info(`Created IPAM range ${network} (${ref}).`);
      return { ref, created: true };
    } catch (error) {
      this.deps.logFailure(`Creating the IPAM range ${network}`, error);
      this.report({ t: 'createFailed', message: `Could not create the IPAM range ${network}: ${this.deps.describe(error)}` });
      return undefined;
    }
  }

  /** Deletes a range the form created when the scope it was for could not be created. */
  private async undoRange(range: CreationProgress['range']): Promise<void> {
    if (!range.created) return;
    try {
      await this.deps.client.removeObject(range.ref);
    } catch (error) {
      this.deps.logFailure(`Deleting the IPAM range ${range.ref} the form created`, error);
    }
  }

  /** Runs each step still missing (pool, exclusions, relationship), then reads the scope's pool and exclusions back. */
  private async finish(): Promise<void> {
    const progress = this.progress as CreationProgress;
    const { client, log } = this.deps;
    const { pool, exclusions } = addressBlocksToSend(progress.values);
    const step = async (doing: string, run: () => Promise<void>): Promise<boolean> => {
      try {
        await run();
        return true;
      } catch (error) {
        this.deps.logFailure(`${doing} of scope ${progress.scopeName}`, error);
        this.report({ t: 'partlyCreated', ...this.partial(progress), message: `${doing} failed: ${this.deps.describe(error)}` });
        return false;
      }
    };
    if (progress.poolRef === undefined && !(await step('Adding the address pool', async () => void (progress.poolRef = await client.addDHCPAddressPool(progress.scopeRef, pool))))) return;
    while (progress.exclusionRefs.length < exclusions.length) {
      const exclusion = exclusions[progress.exclusionRefs.length];
      if (!(await step(`Adding the exclusion ${exclusion.from}-${exclusion.to}`, async () => void progress.exclusionRefs.push(await client.addDHCPExclusion(progress.scopeRef, exclusion))))) return;
    }
    const relationshipName = progress.values.relationshipName;
    if (relationshipName && !progress.inRelationship) {
      const added = await step(`Adding it to failover relationship "${relationshipName}"`, async () => {
        await client.addScopesToFailoverRelationship(progress.values.serverRef, relationshipName, [progress.scopeRef]);
        progress.inRelationship = true;
      });
      if (!added) return;
      log.info(`Added scope ${progress.scopeName} to failover relationship "${relationshipName}".`);
    }
    const readBack = await step('Reading the scope back', async () => {
      const [pools, readExclusions] = await Promise.all([client.getDHCPAddressPools(progress.scopeRef), client.getDHCPExclusions(progress.scopeRef)]);
      if (pools.length !== 1 || readExclusions.length !== exclusions.length) {
        throw new Error(`Micetro lists ${pools.length} pool(s) and ${readExclusions.length} exclusion(s) for it, not 1 and ${exclusions.length}.`);
      }
    });
    if (!readBack) return;
    log.info(`Scope ${progress.scopeName} (${progress.scopeRef}) is complete: its pool and ${exclusions.length} exclusion(s).`);
    this.progress = undefined;
    this.lastResult = undefined;
    this.deps.close();
  }

  /** What exists and what is missing, in words, for the page. */
  private partial(progress: CreationProgress): Omit<PartialScopeCreation, 'message'> {
    const server = this.shown?.servers.find((s) => s.ref === progress.values.serverRef)?.name ?? progress.values.serverRef;
    const exclusions = addressBlocksToSend(progress.values).exclusions.length;
    const missing = [
      progress.poolRef === undefined ? 'its pool' : undefined,
      progress.exclusionRefs.length < exclusions ? `${exclusions - progress.exclusionRefs.length} of its ${exclusions} exclusion(s)` : undefined,
      progress.values.relationshipName && !progress.inRelationship ? `failover relationship "${progress.values.relationshipName}"` : undefined,
    ].filter((part): part is string => part !== undefined);
    const made = `Scope ${progress.scopeName} was created on ${server}${progress.range.created ? ` in the new IPAM range ${scopeNetworkOf(progress.values)}` : ''}`;
    const summary = missing.length > 0 ? `${made} without ${missing.join(', ')}.` : `${made}; reading it back failed.`;
    return { scopeRef: progress.scopeRef, scopeName: progress.scopeName, dhcpServerRef: progress.values.serverRef, relationshipName: progress.values.relationshipName, summary };
  }

  /** Deletes the scope (its pool and exclusions go with it) and the range the form created. */
  private async undo(): Promise<void> {
    const progress = this.progress as CreationProgress;
    try {
      await this.deps.client.removeDHCPScope(progress.scopeRef);
    } catch (error) {
      this.deps.logFailure(`Deleting scope ${progress.scopeName} again`, error);
      this.report({ t: 'partlyCreated', ...this.partial(progress), message: `Undo could not delete the scope: ${this.deps.describe(error)}` });
      return;
    }
    await this.undoRange(progress.range);
    this.deps.log.info(`Deleted scope ${progress.scopeName} (${progress.scopeRef}) again${progress.range.created ? ', and its new range' : ''}.`);
    this.progress = undefined;
    this.created = undefined;
    this.report({ t: 'createFailed', message: `Undo deleted scope ${progress.scopeName}${progress.range.created ? ` and the range ${scopeNetworkOf(progress.values)}` : ''}; nothing is left of it. Change what you need and Create again.` });
  }
}

/** How far a creation got: each step's result, so Finish runs only what is missing. */
interface CreationProgress {
  values: CreateScopeValues;
  scopeName: string;
  scopeRef: string;
  range: { ref: string; created: boolean };
  poolRef: string | undefined;
  exclusionRefs: string[];
  inRelationship: boolean;
}
