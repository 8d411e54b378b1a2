import { describe, expect, it } from 'vitest';
import { tensor } from '@nanograd/autograd';
import { fit, makeModel, target } from './regression';

describe('regression example (smoke)', () => {
  it('computes the target sin(x1)·cos(x2)', () => {
    const y = target(tensor([[0.5, -1], [-2, 2]])).toList() as number[][];
    expect(y[0]?.[0]).toBeCloseTo(Math.sin(0.5) * Math.cos(-1), 6);
    expect(y[1]?.[0]).toBeCloseTo(Math.sin(-2) * Math.cos(2), 6);
  });

  it('builds the 2-8-1 network (33 parameters)', () => {
    expect(makeModel().parameterCount()).toBe(2 * 8 + 8 + 8 + 1);
  });

  it('drops the training MSE by more than 20x in 100 epochs and generalises', () => {
    const { initialTrainMse, trainMse, testMse } = fit({ epochs: 100 });
    expect(trainMse).toBeLessThan(initialTrainMse / 20);
    expect(testMse).toBeLessThan(2 * trainMse);
  });
});
