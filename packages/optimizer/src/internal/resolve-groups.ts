// Turns the constructor's tensors or parameter groups into validated groups with fully resolved options.
import { DTypeError, isTensor } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import { OptimizerError } from '../optimizer-error';
import type { OptionContext } from './check-options';

/** One group after resolution: its tensors and its complete options. */
export interface ResolvedGroup<Hyperparameters> {
  readonly params: readonly Tensor[];
  options: Hyperparameters;
}

/** Validates one complete options object. */
export type OptionValidator<Hyperparameters> = (options: Hyperparameters, context: OptionContext) => void;

/** Merges `overrides` into `defaults`, rejecting keys the optimizer does not know (typos such as `lr`). */
export function mergeOptions<Hyperparameters extends object>(
  owner: string,
  defaults: Hyperparameters,
  overrides: object,
  where: string,
): Hyperparameters {
  const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (key === 'params' || value === undefined) continue;
    if (!(key in defaults)) {
      throw new OptimizerError(`${owner}: unknown option "${key}"${where} (expected one of ${Object.keys(defaults).join(', ')})`);
    }
    merged[key] = value;
  }
  return merged as Hyperparameters;
}

function checkParameter(owner: string, param: unknown, group: number, index: number, seen: Map<Tensor, string>): Tensor {
  const where = `parameter ${index} of group ${group}`;
  if (!isTensor(param)) throw new OptimizerError(`${owner}: ${where} is not a Tensor (got ${typeof param})`);
  if (param.dtype !== 'f32' && param.dtype !== 'f64') {
    throw new DTypeError(`${owner}: ${where} has dtype ${param.dtype}; optimizers update f32 or f64 tensors only`);
  }
  if (param.node !== null) {
    throw new OptimizerError(`${owner}: ${where} is not a leaf (it was computed by an op); optimize the tensors you created`);
  }
  const previous = seen.get(param);
  if (previous !== undefined) throw new OptimizerError(`${owner}: ${where} is the same tensor as ${previous}; a parameter may appear only once`);
  seen.set(param, where);
  return param;
}

/** Resolves the constructor's `params` argument into groups, validating tensors and options. */
export function resolveGroups<Hyperparameters extends object>(
  owner: string,
  params: Iterable<unknown>,
  defaults: Hyperparameters,
  validate: OptionValidator<Hyperparameters>,
): ResolvedGroup<Hyperparameters>[] {
  validate(defaults, { owner, where: '' });
  const items: unknown[] = [...params];
  if (items.length === 0) throw new OptimizerError(`${owner}: got an empty parameter list`);
  const seen = new Map<Tensor, string>();
  const tensors = items.filter((item) => isTensor(item)).length;
  if (tensors === items.length) {
    return [{ params: items.map((param, index) => checkParameter(owner, param, 0, index, seen)), options: { ...defaults } }];
  }
  if (tensors > 0) throw new OptimizerError(`${owner}: pass either tensors or parameter groups, not a mix of both`);
  return items.map((item, group) => {
    if (typeof item !== 'object' || item === null || !('params' in item)) {
      throw new OptimizerError(`${owner}: group ${group} must be an object with a params field`);
    }
    const list = (item as { params: unknown }).params;
    if (isTensor(list) || typeof list !== 'object' || list === null || !(Symbol.iterator in list)) {
      throw new OptimizerError(`${owner}: params of group ${group} must be an iterable of tensors`);
    }
    const where = ` (group ${group})`;
    const options = mergeOptions(owner, defaults, item, where);
    validate(options, { owner, where });
    const tensors = [...(list as Iterable<unknown>)].map((param, index) => checkParameter(owner, param, group, index, seen));
    return { params: tensors, options };
  });
}
