/**
 * Optimizers and learning-rate schedules for nanograd. This first release carries the schedule curves the
 * scheduler classes are built on.
 *
 * @packageDocumentation
 */
export { stepDecay, exponentialDecay, cosineAnnealing, warmupCosine, oneCycle } from './schedule/curves';
