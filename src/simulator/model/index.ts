// The simulated Micetro + Windows DHCP model the simulator's transports serve.
export { SimulatorModel, type SimulatorSeed } from './simulatorModel';
export { SimulatedClock, type ClockJSON, type ClockOptions } from './simulatedClock';
export { DEFAULT_LARGE_SIZE, type InventorySize } from './seeds/large';
export type { SimScopeDetail } from './wire';
export type { SimClockResult } from './simCommands';
