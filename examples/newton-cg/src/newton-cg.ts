// Newton's method where each step solves H p = -g by conjugate gradient, touching H only through hvp.
import { add, dot, hvp, mul, neg, noGrad, sub, valueAndGrad, type Tensor } from '@nanograd/autograd';

/** A scalar objective of one vector argument. */
export type Objective = (x: Tensor) => Tensor;

/** One Newton iteration's record. */
export interface NewtonIteration {
  readonly iteration: number;
  readonly loss: number;
  readonly gradientNorm: number;
  readonly cgIterations: number;
  readonly stepSize: number;
}

/** Options of {@link newtonCg}. */
export interface NewtonCgOptions {
  readonly maxIterations?: number;
  readonly maxCgIterations?: number;
  /** Stop when the gradient norm falls below this. */
  readonly tolerance?: number;
  readonly onIteration?: (record: NewtonIteration) => void;
}

const norm = (v: Tensor): number => Math.sqrt(dot(v, v).item());

/**
 * Solves H p = -g approximately with conjugate gradient (Steihaug's truncation: stop at negative curvature),
 * using only Hessian-vector products at `x`.
 */
export function conjugateGradient(f: Objective, x: Tensor, g: Tensor, maxIterations: number): { direction: Tensor; iterations: number } {
  // Forcing term of truncated Newton: solve more accurately as the gradient shrinks (superlinear convergence).
  const tolerance = Math.min(0.5, Math.sqrt(norm(g))) * norm(g);
  let p = mul(g, 0);
  let r = neg(g);
  let d = r;
  let rr = dot(r, r).item();
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const [, [hd]] = hvp(f, [x], [d]);
    const curvature = dot(d, hd!).item();
    if (curvature <= 0) return { direction: iteration === 0 ? neg(g) : p, iterations: iteration + 1 };
    const alpha = rr / curvature;
    p = add(p, mul(d, alpha));
    r = sub(r, mul(hd!, alpha));
    const next = dot(r, r).item();
    if (Math.sqrt(next) < tolerance) return { direction: p, iterations: iteration + 1 };
    d = add(r, mul(d, next / rr));
    rr = next;
  }
  return { direction: p, iterations: maxIterations };
}

/**
 * Minimises `f` from `x0` with Newton-CG and a backtracking (Armijo) line search; returns the minimiser and the
 * iteration records.
 */
export function newtonCg(f: Objective, x0: Tensor, options: NewtonCgOptions = {}): { x: Tensor; history: NewtonIteration[] } {
  const { maxIterations = 50, maxCgIterations = 100, tolerance = 1e-10 } = options;
  const valueAndGradient = valueAndGrad(f);
  let x = x0;
  const history: NewtonIteration[] = [];
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const [value, g] = valueAndGradient(x);
    const loss = value.item();
    const gradientNorm = norm(g);
    if (gradientNorm < tolerance) {
      history.push({ iteration, loss, gradientNorm, cgIterations: 0, stepSize: 0 });
      break;
    }
    const { direction, iterations } = conjugateGradient(f, x, g, maxCgIterations);
    const slope = dot(g, direction).item();
    let step = 1;
    let candidate = noGrad(() => add(x, mul(direction, step)));
    while (f(candidate).item() > loss + 1e-4 * step * slope && step > 1e-10) {
      step /= 2;
      candidate = noGrad(() => add(x, mul(direction, step)));
    }
    x = candidate;
    const record = { iteration, loss, gradientNorm, cgIterations: iterations, stepSize: step };
    history.push(record);
    options.onIteration?.(record);
  }
  return { x, history };
}
