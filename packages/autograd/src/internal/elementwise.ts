// Shared shape rules for element-wise ops: broadcasting happens through stride-0 views, never copies.
import {
  broadcastShapes,
  broadcastStrides,
  DTypeError,
  promoteDTypes,
  type BinaryOp,
  type DType,
  type Shape,
  type UnaryOp,
  type View,
} from '@nanograd/kernels';
import { defineOp, type ComputeOpDef, type VjpRule } from '../graph/define-builtin-op';

/** Reads `view` as if it had the broadcast `shape`. */
export function expandView(name: string, view: View, shape: Shape): View {
  return { ...view, shape, strides: broadcastStrides(name, view.shape, view.strides, shape) };
}

/** Defines a broadcasting binary op over a kernel of the catalogue. */
export function defineBinary(name: string, op: BinaryOp, vjp?: VjpRule<void>, outputDType?: (dtype: DType) => DType): ComputeOpDef<void> {
  return defineOp<void>({
    name,
    infer: ([a, b]) => {
      const dtype = promoteDTypes(a!.dtype, b!.dtype);
      return { shape: broadcastShapes(name, a!.shape, b!.shape), dtype: outputDType ? outputDType(dtype) : dtype };
    },
    forward: (kernels, [a, b], out) => kernels.binary(op, expandView(name, a!, out.shape), expandView(name, b!, out.shape), out),
    ...(vjp ? { vjp } : {}),
  });
}

/** Defines a unary op over a kernel of the catalogue; float ops reject integer tensors. */
export function defineUnary(name: string, op: UnaryOp, vjp: VjpRule<void>, options: { floatOnly?: boolean } = {}): ComputeOpDef<void> {
  return defineOp<void>({
    name,
    infer: ([x]) => {
      if (options.floatOnly !== false && x!.dtype === 'i32') throw new DTypeError(`${name}: needs a float tensor (got i32)`);
      return { shape: x!.shape, dtype: x!.dtype };
    },
    forward: (kernels, [x], out) => kernels.unary(op, x!, out),
    vjp,
  });
}
