// The core of vjp, shared with jvp: a forward pass kept alive, and a pullback callable any number of times.
import type { Tensor } from '../tensor';
import {
  checkedOutput,
  checkShape,
  freshInput,
  gradientsOf,
  needsGraph,
  releasedValue,
  runTransform,
  toInput,
} from './functional-scope';
import type { TensorFunction, TransformInput } from '../functional/transform-types';

/** Evaluates `f` at `primals` and returns its output with the function mapping a cotangent to one gradient per primal. */
export function linearize(
  name: string,
  f: TensorFunction,
  primals: readonly TransformInput[],
): [Tensor, (cotangent: TransformInput) => Tensor[]] {
  const { output, variables, value } = runTransform(name, (frame) => {
    const inputs = primals.map((primal, index) => toInput(name, primal, `primal ${index}`));
    const fresh = inputs.map((input, index) => freshInput(frame, input, `primal ${index}`));
    const result = checkedOutput(name, f(...fresh));
    return { output: result, variables: fresh, value: releasedValue(frame, result) };
  });
  const pullback = (cotangent: TransformInput): Tensor[] =>
    runTransform(name, (frame) => {
      const seed = toInput(name, cotangent, 'the cotangent', output.dtype);
      checkShape(name, 'the cotangent', seed, output.shape);
      // Record when an outer graph reaches the output, or when the cotangent itself is differentiated (jvp).
      const createGraph = needsGraph(frame, [output]) || (frame.recording && seed.requiresGrad);
      return gradientsOf(output, variables, seed, createGraph);
    });
  return [value, pullback];
}
