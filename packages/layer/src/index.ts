/**
 * Neural-network layers for nanograd. This first release carries the initialisation arithmetic the layers
 * build on.
 *
 * @packageDocumentation
 */
export type { Fans, Nonlinearity } from './fans';
export { computeFans, calculateGain } from './fans';
