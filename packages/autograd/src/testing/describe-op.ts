// One battery for every op (PyTorch OpInfo): forward vs reference, gradcheck, gradgradcheck, strided inputs, errors.
import { describe, expect, it } from 'vitest';
import { contiguousStrides, Random, type Shape } from '@nanograd/kernels';
import { gradients } from '../graph/backward-api';
import { detach } from '../graph/detach';
import { tensor32, tensor64 } from '../create';
import { mul } from '../ops/elementwise/mul';
import { sum } from '../ops/reduce/sum';
import { Tensor } from '../tensor';
import { gradcheck, gradgradcheck, type GradcheckOptions } from './gradcheck';
import type { RefArray } from './reference';

/**
 * One input configuration of an op: shapes (filled with seeded random float64 values in `domain`) or tensor
 * factories (for integer indices and special values).
 *
 * @example
 * ```ts
 * import type { OpSample } from '@nanograd/autograd/testing';
 * const sample: OpSample = { label: 'broadcast', inputs: [[2, 3], [3]] };
 * ```
 * @category Testing
 */
export interface OpSample {
  /** Shown in the test name. */
  readonly label?: string;
  /** One entry per input: a shape, or a factory returning a tensor (float64 for differentiable inputs). */
  readonly inputs: readonly (Shape | (() => Tensor))[];
  /** Range of random values (default `[-2, 2]`). */
  readonly domain?: readonly [number, number];
}

/**
 * A constructor of errors, used to name the class an op must throw.
 *
 * @example
 * ```ts
 * import { ShapeError } from '@nanograd/autograd';
 * import type { ErrorClass } from '@nanograd/autograd/testing';
 * const expected: ErrorClass = ShapeError;
 * ```
 * @category Testing
 */
export type ErrorClass = new (message: string) => Error;

/**
 * Relative tolerances of the forward comparison.
 *
 * @example
 * ```ts
 * import type { Tolerance } from '@nanograd/autograd/testing';
 * const loose: Tolerance = { f32: 1e-3 };
 * ```
 * @category Testing
 */
export interface Tolerance {
  /** Float64 tolerance (default 1e-10). */
  readonly f64?: number;
  /** Float32 tolerance (default 1e-4). */
  readonly f32?: number;
}

/**
 * An expected failure: the inputs, and the message the op must throw.
 *
 * @example
 * ```ts
 * import type { OpErrorCase } from '@nanograd/autograd/testing';
 * const failure: OpErrorCase = { inputs: [[2, 3], [4, 5]], message: /inner dimensions/ };
 * ```
 * @category Testing
 */
export interface OpErrorCase {
  /** Shown in the test name. */
  readonly label?: string;
  /** Inputs as in {@link OpSample}. */
  readonly inputs: readonly (Shape | (() => Tensor))[];
  /** The message must match; it must also start with the op name. */
  readonly message: RegExp | string;
  /** The error class (default: any Error). */
  readonly type?: ErrorClass;
  /** Calls the op with other attributes than the spec's `fn` (e.g. a bad axis). */
  readonly fn?: (...inputs: Tensor[]) => Tensor;
}

/**
 * What {@link describeOp} needs to know about an op.
 *
 * @example
 * ```ts
 * import { exp } from '@nanograd/autograd';
 * import { refMap, type OpSpec } from '@nanograd/autograd/testing';
 * const spec: OpSpec = { fn: exp, reference: (x) => refMap([x!], Math.exp), samples: [{ inputs: [[3]] }] };
 * ```
 * @category Testing
 */
export interface OpSpec {
  /** Calls the op on its inputs (attributes closed over). */
  readonly fn: (...inputs: Tensor[]) => Tensor;
  /** Plain-JS oracle computing the expected output from the inputs. */
  readonly reference: (...inputs: RefArray[]) => RefArray;
  /** Input configurations. */
  readonly samples: readonly OpSample[];
  /** Expected failures. */
  readonly errors?: readonly OpErrorCase[];
  /** False for ops without gradients (argmax, comparisons): the battery then checks that none flow. */
  readonly differentiable?: boolean;
  /** Tolerances of the forward comparison in float64 (default 1e-10) and float32 (default 1e-4), relative. */
  readonly tolerance?: Tolerance;
  /** Options passed to gradcheck and gradgradcheck. */
  readonly gradcheck?: GradcheckOptions;
}

function materialize(entries: OpSample['inputs'], random: Random, domain: readonly [number, number]): Tensor[] {
  return entries.map((entry) =>
    typeof entry === 'function' ? entry() : tensor64(random.fillUniform(new Float64Array(entry.reduce((p, e) => p * e, 1)), domain[0], domain[1]), entry),
  );
}

function toRef(t: Tensor): RefArray {
  return { shape: [...t.shape], data: Float64Array.from(t.data) };
}

/** The same values seen through a strided view (stride ×2 plus an offset), to exercise non-contiguous paths. */
function strided(t: Tensor): Tensor {
  const strides = contiguousStrides(t.shape).map((stride) => stride * 2);
  const buffer = t.backend.alloc(t.dtype, 2 * t.size + 1);
  const view = new Tensor(t.backend, buffer, t.shape, strides, 1, false, null);
  t.backend.kernels.copy(t.view(), view.view());
  return view;
}

function expectClose(actual: Tensor, expected: RefArray, tolerance: number): void {
  expect(actual.shape).toEqual(expected.shape);
  const data = actual.data;
  for (let i = 0; i < expected.data.length; i++) {
    const e = expected.data[i] as number;
    const a = data[i] as number;
    if (Number.isNaN(e)) expect(a).toBeNaN();
    else if (!Number.isFinite(e)) expect(a).toBe(e);
    else expect(Math.abs(a - e), `element ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(e)));
  }
}

/**
 * Registers the standard battery for one op: for every sample, forward (float64 and float32) against the reference,
 * the same result and gradients through non-contiguous inputs, gradcheck and gradgradcheck; and every error case.
 *
 * @param name - The op's name; error messages must start with it.
 * @param spec - Function, reference, samples and error cases.
 *
 * @example
 * ```ts
 * import { exp } from '@nanograd/autograd';
 * import { describeOp, refMap } from '@nanograd/autograd/testing';
 * describeOp('exp', { fn: exp, reference: (x) => refMap([x!], Math.exp), samples: [{ inputs: [[2, 3]] }] });
 * ```
 * @category Testing
 */
export function describeOp(name: string, spec: OpSpec): void {
  const differentiable = spec.differentiable ?? true;
  describe(`${name} (op battery)`, () => {
    spec.samples.forEach((sample, index) => {
      const label = sample.label ?? sample.inputs.map((entry) => (typeof entry === 'function' ? 'custom' : `[${entry.join(',')}]`)).join(' ');
      const inputs = (): Tensor[] => materialize(sample.inputs, new Random(1000 + index), sample.domain ?? [-2, 2]);

      it(`${label}: forward matches the reference in f64 and f32`, () => {
        const values = inputs();
        const expected = spec.reference(...values.map(toRef));
        expectClose(spec.fn(...values), expected, spec.tolerance?.f64 ?? 1e-10);
        const single = values.map((value) => (value.dtype === 'f64' ? tensor32(Float32Array.from(value.data), value.shape) : value));
        const expected32 = spec.reference(...single.map(toRef));
        const result32 = spec.fn(...single);
        if (values.some((value) => value.dtype === 'f64') && result32.dtype !== 'i32') expect(result32.dtype).toBe('f32');
        expectClose(result32, expected32, spec.tolerance?.f32 ?? 1e-4);
      });

      it(`${label}: non-contiguous inputs give the same values and gradients`, () => {
        const values = inputs();
        const views = values.map(strided);
        expect(views.every((view) => view.size <= 1 || !view.isContiguous)).toBe(true);
        const direct = spec.fn(...values);
        expectClose(spec.fn(...views), toRef(direct), 1e-12);
        if (!differentiable) return;
        const gradsOf = (args: Tensor[]): Tensor[] => {
          const leaves = args.map((arg) => {
            const leaf = detach(arg);
            leaf.requiresGrad = arg.dtype !== 'i32';
            return leaf;
          });
          const out = spec.fn(...leaves);
          const weights = tensor64(new Random(5).fillUniform(new Float64Array(out.size), -1, 1), out.shape);
          return gradients(sum(mul(out, weights)), leaves.filter((leaf) => leaf.requiresGrad));
        };
        const expected = gradsOf(values);
        gradsOf(views).forEach((grad, position) => expectClose(grad, toRef(expected[position] as Tensor), 1e-12));
      });

      if (differentiable) {
        it(`${label}: gradcheck (float64 finite differences)`, () => {
          gradcheck(spec.fn, inputs(), spec.gradcheck);
        });
        it(`${label}: gradgradcheck (second derivatives)`, () => {
          gradgradcheck(spec.fn, inputs(), spec.gradcheck);
        });
      } else {
        it(`${label}: carries no gradient`, () => {
          const leaves = inputs().map((value) => {
            const leaf = detach(value);
            leaf.requiresGrad = value.dtype !== 'i32';
            return leaf;
          });
          expect(spec.fn(...leaves).requiresGrad).toBe(false);
        });
      }
    });

    (spec.errors ?? []).forEach((failure, index) => {
      it(`rejects ${failure.label ?? `bad input ${index}`} with a clear error`, () => {
        const values = materialize(failure.inputs, new Random(2000 + index), [-2, 2]);
        let thrown: unknown = null;
        try {
          (failure.fn ?? spec.fn)(...values);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, 'expected an error').toBeInstanceOf(failure.type ?? Error);
        const message = (thrown as Error).message;
        expect(message.startsWith(`${name}:`), `message should start with "${name}:" (got "${message}")`).toBe(true);
        if (typeof failure.message === 'string') expect(message).toContain(failure.message);
        else expect(message).toMatch(failure.message);
      });
    });
  });
}
