// The library's own ops: defined like any op, and registered as ones whose VJPs keep no reference to their
// gradient, so the backward sweep may free the temporaries around them (user-defined rules might keep one).
import { defineOp as defineAnyOp, defineView as defineAnyView, type ComputeOpDef, type OpDef, type ViewOpDef } from './define-op';

export type { ComputeOpDef, OpContext, OpDef, OpSignature, ViewLayout, ViewOpDef, VjpRule } from './define-op';

const builtin = new WeakSet<object>();

/** {@link defineOp} for the library's own compute ops. */
export function defineOp<A>(def: Omit<ComputeOpDef<A>, 'kind'>): ComputeOpDef<A> {
  const op = defineAnyOp(def);
  builtin.add(op);
  return op;
}

/** {@link defineView} for the library's own view ops. */
export function defineView<A>(def: Omit<ViewOpDef<A>, 'kind'>): ViewOpDef<A> {
  const op = defineAnyView(def);
  builtin.add(op);
  return op;
}

/** True for an op defined by the library itself, false for one a user defined with the public defineOp. */
export function isBuiltinOp(def: OpDef<never>): boolean {
  return builtin.has(def);
}
