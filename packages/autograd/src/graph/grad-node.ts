// What the graph remembers about one op application: enough to call its VJP later.
import type { Tensor } from '../tensor';
import type { OpDef } from './define-op';

/**
 * One recorded op application: the op, its inputs and attributes. The output tensor points at its node.
 * @internal
 */
export interface GradNode {
  /** The op that ran. */
  readonly def: OpDef<never>;
  /** The op's inputs, in order. */
  readonly inputs: readonly Tensor[];
  /** The op's attributes. */
  readonly attrs: unknown;
}
