// The simulated Micetro in front of Windows DHCP servers: every bridge command and REST resource the
// transports serve (SimulatorBackend), the failover timers, and the JSON data file.
import type { DHCPOption, DHCPReservation, DHCPScope, DHCPServer } from '../../api/types';
import { parseNetwork } from '../../failover';
import type { ListQuery, SimulatorBackend } from '../backend';
import { NO_QUIRKS, type Quirks } from '../quirks';
import { SimulatorError } from '../simulatorError';
import type { ModelContext } from './modelContext';
import { parseDataFile } from './dataFile';
import * as failover from './failoverCommands';
import * as ipam from './ipamCommands';
import { Inventory } from './inventory';
import { parseFilter, partialMatch, runListQuery, type FieldTable } from './listQuery';
import { isRecord, type Params } from './params';
import { DATA_FILE_FORMAT, DATA_FILE_VERSION, type DataFile, type ScopeRecord, type ServerRecord } from './records';
import { rangeRef, scopeRef, serverRef } from './refs';
import * as scopes from './scopeResources';
import { availableAddresses } from './scopeContent';
import { buildDemo } from './seeds/demo';
import { buildLarge, type InventorySize } from './seeds/large';
import * as sim from './simCommands';
import { SimulatedClock } from './simulatedClock';
import { TransitionScheduler } from './transitions';
import { optionsToWire, reservationToWire, scopeToWire, scopeWireName, serverToWire } from './wire';
import { INTERNAL_ERROR_CODE, invalidParameter, unknownMethod } from './windowsErrors';

export type SimulatorSeed = 'demo' | 'empty' | 'large' | InventorySize;

interface CommandHandler {
  mutating: boolean;
  run(model: SimulatorModel, params: Params): unknown;
}

const COMMANDS: Record<string, CommandHandler> = {
  GetDHCPFailoverRelationships: { mutating: false, run: (m, p) => failover.getRelationships(m.context, p) },
  GetDHCPFailoverRelationship: { mutating: false, run: (m, p) => failover.getRelationship(m.context, p) },
  AddDHCPFailoverRelationship: { mutating: true, run: (m, p) => failover.addRelationship(m.context, p) },
  ModifyDHCPFailoverRelationship: { mutating: true, run: (m, p) => failover.modifyRelationship(m.context, p) },
  RemoveDHCPFailoverRelationships: { mutating: true, run: (m, p) => failover.removeRelationships(m.context, p) },
  AddDHCPScopesToDHCPFailoverRelationship: { mutating: true, run: (m, p) => failover.addScopes(m.context, p) },
  RemoveDHCPScopesFromDHCPFailoverRelationship: { mutating: true, run: (m, p) => failover.removeScopes(m.context, p) },
  ReplicateDHCPFailover: { mutating: true, run: (m, p) => failover.replicate(m.context, p) },
  GetRanges: { mutating: false, run: (m, p) => ipam.getRanges(m.context, p) },
  GetRange: { mutating: false, run: (m, p) => ipam.getRange(m.context, p) },
  AddRange: { mutating: true, run: (m, p) => ipam.addRange(m.context, p) },
  AddDHCPAddressPool: { mutating: true, run: (m, p) => ipam.addPool(m.context, p) },
  GetDHCPAddressPools: { mutating: false, run: (m, p) => ipam.getPools(m.context, p) },
  GetDHCPAddressPool: { mutating: false, run: (m, p) => ipam.getPool(m.context, p) },
  AddDHCPExclusion: { mutating: true, run: (m, p) => ipam.addExclusion(m.context, p) },
  GetDHCPExclusions: { mutating: false, run: (m, p) => ipam.getExclusions(m.context, p) },
  GetDHCPExclusion: { mutating: false, run: (m, p) => ipam.getExclusion(m.context, p) },
  GetDHCPReservation: { mutating: false, run: (m, p) => ipam.getReservation(m.context, p) },
  GetIPAMRecord: { mutating: false, run: (m, p) => ipam.getIpamRecord(m.context, p) },
  SetProperties: { mutating: true, run: (m, p) => ipam.setProperties(m.context, p) },
  RemoveObject: { mutating: true, run: (m, p) => ipam.removeObject(m.context, p) },
  SimStopDHCPServer: { mutating: true, run: (m, p) => sim.stopDhcpServer(m.context, p) },
  SimStartDHCPServer: { mutating: true, run: (m, p) => sim.startDhcpServer(m.context, p) },
  SimCutLink: { mutating: true, run: (m, p) => sim.cutRelationshipLink(m.context, p) },
  SimRestoreLink: { mutating: true, run: (m, p) => sim.restoreRelationshipLink(m.context, p) },
  SimSetPartnerDown: { mutating: true, run: (m, p) => sim.setPartnerDown(m.context, p) },
  SimAdvanceClock: { mutating: true, run: (m, p) => m.advanceClock(sim.advanceSeconds(p)) },
  SimGetClock: { mutating: false, run: (m) => sim.clockResult(m.clock.now()) },
  SimGetFailoverState: { mutating: false, run: (m, p) => sim.getFailoverState(m.context, p) },
  SimGetScopeDetail: { mutating: false, run: (m, p) => sim.getScopeDetail(m.context, p) },
  SimSetLeases: { mutating: true, run: (m, p) => sim.setLeases(m.context, p) },
  SimChangeScopeCopy: { mutating: true, run: (m, p) => sim.changeScopeCopy(m.context, p) },
};

/** Every command the model answers, so a test can hold each one's `mutating` against what it does. */
export const SIMULATOR_COMMANDS: readonly string[] = Object.keys(COMMANDS);

const SERVER_FIELDS: FieldTable<ServerRecord> = {
  ref: { get: (s) => serverRef(s.id) },
  name: { get: (s) => s.name },
  address: { get: (s) => s.address },
  resolvedAddress: { get: (s) => s.address },
  type: { get: (s) => s.type },
  state: { get: (s) => s.state },
  enabled: { get: (s) => s.enabled },
};

export class SimulatorModel implements SimulatorBackend {
  readonly inventory: Inventory;
  readonly clock: SimulatedClock;
  /** What the command handlers share. */
  readonly context: ModelContext;
  private readonly scheduler = new TransitionScheduler();
  private readonly scopeFields: FieldTable<ScopeRecord>;

  private constructor(inventory: Inventory, clock: SimulatedClock, quirks: Quirks) {
    this.inventory = inventory;
    this.clock = clock;
    this.context = { inventory, scheduler: this.scheduler, now: () => clock.now(), quirks };
    for (const rel of inventory.relationships.values()) this.scheduler.track(rel);
    // A server filter may name the server instead of giving its ref.
    const asServerRef = (value: string) => {
      const server = inventory.findServer(value);
      return server ? serverRef(server.id) : value;
    };
    this.scopeFields = {
      ref: { get: (s) => scopeRef(s.id) },
      name: { get: scopeWireName },
      rangeRef: { get: (s) => rangeRef(inventory.rangeOfScope(s).id), normalize: (value) => { const range = inventory.findRange(value); return range ? rangeRef(range.id) : value; } },
      dhcpServerRef: { get: (s) => serverRef(s.serverId), normalize: asServerRef },
      superscope: { get: (s) => s.superscope },
      description: { get: (s) => s.description },
      available: { get: (s) => availableAddresses(s) },
      enabled: { get: (s) => s.enabled },
    };
  }

  /** A model with no servers, for seeds to fill. */
  static empty(clock: SimulatedClock = new SimulatedClock(), quirks: Quirks = NO_QUIRKS): SimulatorModel {
    return new SimulatorModel(new Inventory(), clock, quirks);
  }

  static fromSeed(seed: SimulatorSeed, clock: SimulatedClock = new SimulatedClock(), quirks: Quirks = NO_QUIRKS): SimulatorModel {
    if (seed === 'empty') return SimulatorModel.empty(clock, quirks);
    if (seed === 'demo') {
      const model = SimulatorModel.empty(clock, quirks);
      buildDemo(model, model.inventory);
      return model;
    }
    const inventory = new Inventory();
    buildLarge(inventory, seed === 'large' ? undefined : seed, clock.now());
    return new SimulatorModel(inventory, clock, quirks);
  }

  /** Loads a data file (validated whole first; a plain Error says what is wrong and where). */
  static load(json: unknown, clock?: SimulatedClock, quirks: Quirks = NO_QUIRKS): SimulatorModel {
    const data = parseDataFile(json);
    const inventory = new Inventory({ ...data.nextIds });
    for (const server of data.servers) inventory.addServer(server);
    for (const range of data.ranges) inventory.addRange(range);
    for (const scope of data.scopes) inventory.addScope(scope);
    for (const rel of data.relationships) inventory.addRelationship(rel);
    Object.assign(inventory.nextIds, data.nextIds);
    const modelClock = clock ?? SimulatedClock.fromJSON(data.clock);
    modelClock.setNow(data.clock.now);
    return new SimulatorModel(inventory, modelClock, quirks);
  }

  /**
   * The whole state as the data file holds it. It shares the model's records (copying 50,000 scopes on
   * every save is too slow), so serialise it right away; `load` copies what it reads.
   */
  toJSON(): DataFile {
    return {
      format: DATA_FILE_FORMAT,
      version: DATA_FILE_VERSION,
      clock: this.clock.toJSON(),
      nextIds: { ...this.inventory.nextIds },
      servers: [...this.inventory.servers.values()],
      ranges: [...this.inventory.ranges.values()],
      scopes: [...this.inventory.scopes.values()],
      relationships: [...this.inventory.relationships.values()],
    };
  }

  execute(command: string, params: Record<string, unknown>): unknown {
    const handler = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!handler) throw unknownMethod(String(command));
    return this.guard(command, () => {
      const input = params ?? {};
      if (!isRecord(input)) throw invalidParameter(`The parameters of ${command} must be a JSON object.`);
      return handler.run(this, input);
    });
  }

  isMutating(command: string): boolean {
    return Object.prototype.hasOwnProperty.call(COMMANDS, command) && COMMANDS[command].mutating;
  }

  /** `SimAdvanceClock`: jumps ahead, running every transition due on the way, in order. */
  advanceClock(seconds: number): sim.SimClockResult {
    this.clock.advance(seconds);
    this.scheduler.runDue(this.clock.now());
    return sim.clockResult(this.clock.now());
  }

  listServers(query: ListQuery): { dhcpServers: DHCPServer[]; totalResults: number } {
    return this.guard('GET DHCPServers', () => {
      const terms = parseFilter(query.filter, SERVER_FIELDS);
      const page = runListQuery(this.inventory.servers.values(), terms, query, SERVER_FIELDS);
      return { dhcpServers: page.items.map(serverToWire), totalResults: page.totalResults };
    });
  }

  getServer(ref: string): DHCPServer {
    return this.guard('GET DHCPServers/{ref}', () => serverToWire(this.inventory.server(String(ref))));
  }

  listScopes(query: ListQuery): { dhcpScopes: DHCPScope[]; totalResults: number } {
    return this.guard('GET DHCPScopes', () => {
      const parsed = parseFilter(query.filter, this.scopeFields);
      const terms = this.context.quirks.has('partial-server-filter') ? partialMatch(parsed, 'dhcpServerRef') : parsed;
      const page = runListQuery(this.scopeCandidates(terms), terms, query, this.scopeFields);
      return { dhcpScopes: page.items.map((scope) => scopeToWire(this.inventory, scope)), totalResults: page.totalResults };
    });
  }

  /** Uses the per-server or per-CIDR index when the filter pins one, instead of scanning every scope. */
  private scopeCandidates(terms: ReturnType<typeof parseFilter>): Iterable<ScopeRecord> {
    const byServer = terms.find((t) => t.field === 'dhcpServerRef' && t.op === 'eq' && !t.negated);
    if (byServer) {
      const server = this.inventory.findServer(byServer.value);
      return server ? this.inventory.scopesOf(server.id) : [];
    }
    // Free-text names are never networks, so a network is looked up in the CIDR index; other names need a scan.
    const byName = terms.find((t) => t.field === 'name' && t.op === 'eq' && !t.negated);
    if (byName && parseNetwork(byName.value)) return this.inventory.scopesNamed(byName.value).sort((a, b) => a.id - b.id);
    return this.inventory.scopes.values();
  }

  getScope(ref: string): DHCPScope {
    return this.guard('GET DHCPScopes/{ref}', () => scopeToWire(this.inventory, this.inventory.scope(String(ref))));
  }

  createScope(scope: unknown): string {
    return this.guard('POST DHCPScopes', () => scopes.createScope(this.context, scope));
  }

  deleteScope(ref: string): void {
    this.guard('DELETE DHCPScopes/{ref}', () => scopes.deleteScope(this.context, ref));
  }

  getScopeOptions(ref: string): DHCPOption[] {
    return this.guard('GET DHCPScopes/{ref}/Options', () => optionsToWire(this.inventory.scope(String(ref)).options));
  }

  setScopeOptions(ref: string, options: unknown): void {
    this.guard('PUT DHCPScopes/{ref}/Options', () => scopes.setScopeOptions(this.context, ref, options));
  }

  getReservations(ref: string): DHCPReservation[] {
    return this.guard('GET DHCPScopes/{ref}/DHCPReservations', () => this.inventory.scope(String(ref)).reservations.map(reservationToWire));
  }

  addReservation(scopeRefText: string, reservation: unknown): string {
    return this.guard('POST DHCPScopes/{ref}/DHCPReservations', () => scopes.addReservation(this.context, scopeRefText, reservation));
  }

  /** Runs due transitions first; any failure leaves as a SimulatorError, never as another exception. */
  private guard<T>(operation: string, run: () => T): T {
    try {
      this.scheduler.runDue(this.clock.now());
      return run();
    } catch (error) {
      if (error instanceof SimulatorError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new SimulatorError(INTERNAL_ERROR_CODE, `The simulator failed to run ${operation}: ${reason}`, 500);
    }
  }
}
