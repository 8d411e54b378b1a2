// The core of grad and valueAndGrad: one forward pass, one reverse pass, recorded only when an outer graph needs it.
import type { Tensor } from '../tensor';
import {
  checkedArgnums,
  checkedScalar,
  freshInput,
  gradientsOf,
  needsGraph,
  releasedValue,
  runTransform,
  toInput,
} from './functional-scope';
import type { TensorFunction, TransformInput } from '../functional/transform-types';

/** Evaluates `f` at `args` and differentiates it with respect to the arguments named by `argnums`. */
export function evaluateWithGradient(
  name: string,
  f: TensorFunction,
  argnums: number | readonly number[],
  args: readonly TransformInput[],
): { value: Tensor; gradient: Tensor | Tensor[] } {
  return runTransform(name, (frame) => {
    const indices = checkedArgnums(name, argnums, args.length);
    const inputs = args.map((arg, index) => toInput(name, arg, `argument ${index}`));
    const fresh = new Map<number, Tensor>();
    for (const index of indices) {
      if (!fresh.has(index)) fresh.set(index, freshInput(frame, inputs[index] as Tensor, `argument ${index}`));
    }
    const output = checkedScalar(name, f(...inputs.map((input, index) => fresh.get(index) ?? input)));
    const variables = [...fresh.values()];
    const grads = gradientsOf(output, variables, undefined, needsGraph(frame, [output]));
    const byIndex = new Map([...fresh.keys()].map((index, position) => [index, grads[position] as Tensor]));
    const gradient = typeof argnums === 'number' ? (byIndex.get(argnums) as Tensor) : indices.map((index) => byIndex.get(index) as Tensor);
    return { value: releasedValue(frame, output), gradient };
  });
}
