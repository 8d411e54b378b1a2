// Classification accuracy, the metric almost every training run reports.
import { argmax, noGrad, ShapeError, type Tensor } from '@nanograd/autograd';
import { formatShape } from '@nanograd/kernels';

/**
 * A per-batch metric: a number averaged over an epoch, weighted by batch size.
 *
 * @example
 * ```ts
 * import type { Metric } from '@nanograd/data';
 * import { mean, square, sub } from '@nanograd/autograd';
 * const meanSquaredError: Metric = (output, target) => mean(square(sub(output, target))).item();
 * ```
 * @category Training
 */
export type Metric = (output: Tensor, target: Tensor) => number;

/**
 * The fraction of samples whose highest-scoring class (last axis of `output`) is the target class; targets are
 * class indices (i32, `output`'s shape without its last axis) or one-hot rows.
 *
 * @param output - Scores, logits or probabilities `(…, C)`.
 * @param target - Class indices `(…)` or one-hot `(…, C)`.
 * @returns A number in [0, 1].
 * @throws ShapeError If the shapes do not fit together.
 *
 * @example
 * ```ts
 * import { accuracy } from '@nanograd/data';
 * import { tensor } from '@nanograd/autograd';
 * accuracy(tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]), tensor([1, 0, 0], { dtype: 'i32' })); // 0.6667
 * ```
 * @category Training
 */
export function accuracy(output: Tensor, target: Tensor): number {
  return noGrad(() => {
    const predicted = argmax(output, { axis: -1 }).data;
    const oneHot = target.rank === output.rank;
    const expected = oneHot ? argmax(target, { axis: -1 }).data : target.data;
    const samples = output.shape.slice(0, -1);
    const labels = oneHot ? target.shape.slice(0, -1) : target.shape;
    if (output.rank === 0 || labels.length !== samples.length || labels.some((extent, axis) => extent !== samples[axis]) || (oneHot && target.shape.at(-1) !== output.shape.at(-1))) {
      throw new ShapeError(`accuracy: target ${formatShape(target.shape)} does not match output ${formatShape(output.shape)}`);
    }
    let correct = 0;
    for (let index = 0; index < predicted.length; index++) if (predicted[index] === expected[index]) correct++;
    return predicted.length === 0 ? 0 : correct / predicted.length;
  });
}
