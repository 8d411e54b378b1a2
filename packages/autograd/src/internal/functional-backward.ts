// Turns a user-written backward function into a VJP rule, for customVjp and setBackwardFn.
import type { VjpRule } from '../graph/define-op';
import { GraphError } from '../graph/graph-error';
import type { BackwardFn } from '../functional/transform-types';
import { Tensor } from '../tensor';

/** Wraps `backward` as a VJP rule that checks what it returns. */
export function userVjp(name: string, backward: BackwardFn): VjpRule<unknown> {
  return (grad, { inputs, output }) => {
    const result = backward(grad, ...inputs, output);
    const list: readonly unknown[] = Array.isArray(result) ? result : [result];
    if (list.length !== inputs.length) {
      throw new GraphError(`${name}: the backward function returned ${list.length} gradient${list.length === 1 ? '' : 's'} for ${inputs.length} input${inputs.length === 1 ? '' : 's'}`);
    }
    return list.map((entry, index) => {
      if (entry === null || entry === undefined) return null;
      if (!(entry instanceof Tensor)) throw new GraphError(`${name}: the backward function returned a non-tensor gradient for input ${index}`);
      return entry;
    });
  };
}
