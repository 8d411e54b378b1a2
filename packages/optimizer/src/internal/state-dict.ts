// Validation and conversion between live optimizer state and its JSON-safe snapshot.
import type { Tensor } from '@nanograd/autograd';
import { OptimizerError } from '../optimizer-error';
import type { OptimizerStateDict, ParameterStateDict } from '../optimizer-state-dict';
import type { ParameterState } from '../parameter-state';
import type { FloatArray } from './storage';

/** Copies live buffers into plain number arrays. */
export function saveParameterState(state: ParameterState): ParameterStateDict {
  const buffers: Record<string, number[]> = {};
  for (const [name, buffer] of Object.entries(state.buffers)) buffers[name] = Array.from(buffer);
  return { step: state.step, buffers };
}

/** Checks the overall layout of a dict against the optimizer's groups. */
export function checkLayout(owner: string, dict: OptimizerStateDict, groupSizes: readonly number[]): void {
  if (typeof dict !== 'object' || dict === null || !Array.isArray(dict.paramGroups) || !Array.isArray(dict.state)) {
    throw new OptimizerError(`${owner}: loadStateDict expects an object with paramGroups and state arrays`);
  }
  if (dict.optimizer !== owner) throw new OptimizerError(`${owner}: loadStateDict got a state dict written by ${String(dict.optimizer)}`);
  if (!Number.isInteger(dict.step) || dict.step < 0) throw new OptimizerError(`${owner}: loadStateDict: step must be a non-negative integer (got ${String(dict.step)})`);
  if (dict.paramGroups.length !== groupSizes.length) {
    throw new OptimizerError(`${owner}: loadStateDict: the dict has ${dict.paramGroups.length} parameter groups, the optimizer ${groupSizes.length}`);
  }
  let next = 0;
  groupSizes.forEach((size, group) => {
    const saved = dict.paramGroups[group]!;
    if (!Array.isArray(saved.params) || saved.params.length !== size) {
      throw new OptimizerError(`${owner}: loadStateDict: group ${group} has ${String(saved.params?.length)} parameters in the dict, ${size} in the optimizer`);
    }
    saved.params.forEach((index, position) => {
      if (index !== next + position) throw new OptimizerError(`${owner}: loadStateDict: group ${group} lists parameter ${String(index)} where ${next + position} was expected`);
    });
    next += size;
  });
  if (dict.state.length !== next) {
    throw new OptimizerError(`${owner}: loadStateDict: the dict has state for ${dict.state.length} parameters, the optimizer has ${next}`);
  }
}

/** Rebuilds one parameter's live state, checking its buffers against those the optimizer would allocate. */
export function loadParameterState(owner: string, index: number, param: Tensor, saved: ParameterStateDict, expected: Readonly<Record<string, FloatArray>>): ParameterState {
  if (typeof saved !== 'object' || !Number.isInteger(saved.step) || saved.step < 1 || typeof saved.buffers !== 'object' || saved.buffers === null) {
    throw new OptimizerError(`${owner}: loadStateDict: state of parameter ${index} needs a positive integer step and a buffers object`);
  }
  const expectedNames = Object.keys(expected).sort();
  const savedNames = Object.keys(saved.buffers).sort();
  if (expectedNames.join() !== savedNames.join()) {
    throw new OptimizerError(`${owner}: loadStateDict: parameter ${index} has buffers [${savedNames.join(', ')}], expected [${expectedNames.join(', ')}]`);
  }
  for (const name of expectedNames) {
    const values = saved.buffers[name]!;
    if (!Array.isArray(values) || values.length !== param.size) {
      throw new OptimizerError(`${owner}: loadStateDict: buffer ${name} of parameter ${index} has ${String(values?.length)} elements, the parameter ${param.size}`);
    }
    values.forEach((value, element) => {
      if (typeof value !== 'number') throw new OptimizerError(`${owner}: loadStateDict: buffer ${name} of parameter ${index} holds a non-number at ${element} (got ${String(value)})`);
    });
    // Written through `expected`, whose buffers may live on the parameter's backend (read the array once per buffer).
    expected[name]!.set(values);
  }
  return { step: saved.step, buffers: expected as Record<string, FloatArray> };
}
