// The model as clients see it: a change is visible only once it is on disk. While a change is being saved every
// request waits (the transport asks `busy()`), and a failed save puts back the last saved state, so nobody ever
// sees a change that was answered with an error, and a restart shows exactly what was acknowledged.
import type { DHCPOption, DHCPReservation, DHCPScope, DHCPServer } from '../api/types';
import type { ListQuery, SimulatorBackend } from './backend';
import type { JsonFileStore } from './jsonFileStore';
import { SimulatorModel, type SimulatedClock } from './model';
import { INTERNAL_ERROR_CODE } from './model/windowsErrors';
import { saveFailure } from './saveFailure';
import { SimulatorError } from './simulatorError';

export class DurableModel implements SimulatorBackend {
  /** The save in flight, settled (never rejecting) so waiting requests only learn that it is over. */
  private saving: Promise<void> | undefined;
  /** Set once the data file is no longer ours: every change is then refused. */
  private lost: string | undefined;

  constructor(
    private current: SimulatorModel,
    private readonly store: JsonFileStore | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /** The model that holds the visible state (a new one after a rollback). */
  get model(): SimulatorModel {
    return this.current;
  }

  /** The save a request has to wait for, or undefined when it may run now. */
  busy(): Promise<void> | undefined {
    return this.saving;
  }

  /** Saves the change just made; on failure the change is undone and the error says why. */
  persist(): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const result = (this.saving ?? Promise.resolve()).then(() => this.save(store));
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.saving = settled;
    void settled.then(() => {
      if (this.saving === settled) this.saving = undefined;
    });
    return result;
  }

  /** From now on every change is refused and undone (another process may write the data file). */
  refuseChanges(reason: string): void {
    this.lost = reason;
  }

  private async save(store: JsonFileStore): Promise<void> {
    try {
      if (this.lost !== undefined) {
        throw new SimulatorError(INTERNAL_ERROR_CODE, `The change was not made: the simulator no longer owns its data file ${store.path} (${this.lost}). Restart the simulator.`, 500);
      }
      await store.save(this.current.toJSON());
    } catch (error) {
      // The last saved state is what the file holds; the clock keeps running from where it is.
      const clock: SimulatedClock = this.current.clock;
      const now = clock.now();
      this.current = SimulatorModel.load(store.lastSaved(), clock, this.current.context.quirks);
      clock.setNow(now);
      const failure = error instanceof SimulatorError ? error : saveFailure(store.path, error);
      this.log(failure.message);
      throw failure;
    }
  }

  execute(command: string, params: Record<string, unknown>): unknown {
    return this.current.execute(command, params);
  }
  isMutating(command: string): boolean {
    return this.current.isMutating(command);
  }
  listServers(query: ListQuery): { dhcpServers: DHCPServer[]; totalResults: number } {
    return this.current.listServers(query);
  }
  getServer(ref: string): DHCPServer {
    return this.current.getServer(ref);
  }
  listScopes(query: ListQuery): { dhcpScopes: DHCPScope[]; totalResults: number } {
    return this.current.listScopes(query);
  }
  getScope(ref: string): DHCPScope {
    return this.current.getScope(ref);
  }
  createScope(scope: unknown): string {
    return this.current.createScope(scope);
  }
  deleteScope(ref: string): void {
    this.current.deleteScope(ref);
  }
  getScopeOptions(ref: string): DHCPOption[] {
    return this.current.getScopeOptions(ref);
  }
  setScopeOptions(ref: string, options: unknown): void {
    this.current.setScopeOptions(ref, options);
  }
  getReservations(ref: string): DHCPReservation[] {
    return this.current.getReservations(ref);
  }
  addReservation(scopeRef: string, reservation: unknown): string {
    return this.current.addReservation(scopeRef, reservation);
  }
  toJSON(): unknown {
    return this.current.toJSON();
  }
}
