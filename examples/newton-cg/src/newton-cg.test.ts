import { describe, expect, it } from 'vitest';
import { grad } from '@nanograd/autograd';
import { newtonCg } from './newton-cg';
import { logisticRegression, rosenbrock } from './problems';

describe('newton-cg example (smoke)', () => {
  it('drives logistic regression to a zero gradient in a few Newton steps', () => {
    const { f, x0 } = logisticRegression(200, 5);
    const { x, history } = newtonCg(f, x0);
    expect(history.length).toBeLessThan(15);
    const g = grad(f)(x);
    expect(Math.max(...Array.from(g.data, Math.abs))).toBeLessThan(1e-8);
  });

  it('finds the Rosenbrock minimum at all ones', () => {
    const { f, x0 } = rosenbrock(4);
    const { x } = newtonCg(f, x0, { maxIterations: 200 });
    Array.from(x.data).forEach((value) => expect(value).toBeCloseTo(1, 6));
  });
});
