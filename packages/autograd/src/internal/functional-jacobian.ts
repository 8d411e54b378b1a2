// The core of jacobian and hessian: one reverse pass per output element, rows stacked with a differentiable op.
import { fromData, full } from '../create';
import { reshape } from '../ops/movement/reshape';
import type { Tensor } from '../tensor';
import {
  checkedArgnums,
  checkedOutput,
  freshInput,
  gradientsOf,
  needsGraph,
  runTransform,
  toInput,
} from './functional-scope';
import { stack } from '../ops/movement/stack';
import type { TensorFunction, TransformInput } from '../functional/transform-types';

/** The one-hot cotangent selecting element `index` of `like`. */
function basisVector(name: string, like: Tensor, index: number): Tensor {
  const data = new Float64Array(like.size);
  data[index] = 1;
  return fromData(name, data, like.shape, like.dtype, like.backend);
}

/** The Jacobian of `f` at `args` with respect to `args[argnum]`, shaped `[...output.shape, ...input.shape]`. */
export function jacobianOf(name: string, f: TensorFunction, argnum: number, args: readonly TransformInput[]): Tensor {
  return runTransform(name, (frame) => {
    checkedArgnums(name, argnum, args.length);
    const inputs = args.map((arg, index) => toInput(name, arg, `argument ${index}`));
    const variable = freshInput(frame, inputs[argnum] as Tensor, `argument ${argnum}`);
    const output = checkedOutput(name, f(...inputs.map((input, index) => (index === argnum ? variable : input))));
    const shape = [...output.shape, ...variable.shape];
    if (output.size === 0) return full(shape, 0, { dtype: variable.dtype, backend: variable.backend });
    const createGraph = needsGraph(frame, [output]);
    const rows = Array.from({ length: output.size }, (_, index) => {
      const [row] = gradientsOf(output, [variable], basisVector(name, output, index), createGraph);
      return row as Tensor;
    });
    return reshape(stack(rows), shape);
  });
}
