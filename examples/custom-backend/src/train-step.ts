// One training step of a small classifier, run on whatever backend is active.
import { crossEntropyLoss, manualSeed, randn, tensor, type Tensor } from '@nanograd/autograd';
import { Dense, ReLU, Sequential } from '@nanograd/layer';
import { SGD } from '@nanograd/optimizer';

/** The loss before the step and the parameters after it, copied out of the backend. */
export interface StepResult {
  readonly loss: number;
  readonly parameters: number[][];
}

/**
 * Builds a seeded 4-16-3 ReLU network and a batch of 8, takes one SGD step on the cross-entropy and returns the
 * loss and the updated parameters. Every tensor is allocated on the active backend.
 */
export function trainOneStep(seed = 0): StepResult {
  manualSeed(seed);
  const model = new Sequential([new Dense(4, 16, { activation: new ReLU() }), new Dense(16, 3)]);
  const inputs: Tensor = randn([8, 4]);
  const labels: Tensor = tensor([0, 1, 2, 0, 1, 2, 0, 1], { dtype: 'i32' });
  const optimizer = new SGD(model.parameters(), { learningRate: 0.1, momentum: 0.9 });
  optimizer.zeroGrad();
  const loss = crossEntropyLoss(model.forward(inputs), labels, { fromLogits: true });
  loss.backward();
  optimizer.step();
  return { loss: loss.item(), parameters: model.parameters().map((parameter) => Array.from(parameter.data)) };
}
