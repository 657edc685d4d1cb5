// The simulated Micetro + Windows DHCP model the simulator's transports serve.
export { SimulatorModel, type SimulatorSeed } from './simulatorModel';
export { SimulatedClock } from './simulatedClock';
