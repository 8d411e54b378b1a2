import { ShapeError } from '@nanograd/kernels';
import type { Dataset, Sample } from './dataset';
import type { TensorData } from './tensor-data';
import { checkTensorData, gatherRows } from './internal/tensor-data-utils';

/**
 * A dataset over two arrays whose first axis indexes samples, like PyTorch's `TensorDataset`: sample `i`
 * is `[inputs[i], targets[i]]`. Autograd tensors can be passed directly.
 *
 * @example
 * ```ts
 * import { TensorDataset } from '@nanograd/data';
 * const dataset = new TensorDataset(
 *   { data: new Float32Array([1, 2, 3, 4]), shape: [2, 2], dtype: 'f32' },
 *   { data: new Int32Array([0, 1]), shape: [2], dtype: 'i32' },
 * );
 * dataset.get(1)[0].data; // Float32Array [3, 4]
 * ```
 * @category Data
 */
export class TensorDataset implements Dataset {
  /** The inputs, samples along the first axis. */
  readonly inputs: TensorData;
  /** The targets, samples along the first axis. */
  readonly targets: TensorData;

  /**
   * Wraps `inputs` and `targets`; they must have the same first extent.
   *
   * @throws ShapeError (from `@nanograd/kernels`) If either is a scalar, its data does not match its shape, or the first extents differ.
   */
  constructor(inputs: TensorData, targets: TensorData) {
    checkTensorData('TensorDataset', inputs);
    checkTensorData('TensorDataset', targets);
    if (inputs.shape.length === 0 || targets.shape.length === 0 || inputs.shape[0] !== targets.shape[0]) {
      throw new ShapeError(
        `TensorDataset: inputs [${inputs.shape.join(', ')}] and targets [${targets.shape.join(', ')}] need the same first extent`,
      );
    }
    // Copy the typed arrays' references only: a live autograd tensor's storage is read lazily per batch.
    this.inputs = { data: inputs.data, shape: [...inputs.shape], dtype: inputs.dtype };
    this.targets = { data: targets.data, shape: [...targets.shape], dtype: targets.dtype };
  }

  /** Number of samples (the shared first extent). */
  get length(): number {
    return this.inputs.shape[0] ?? 0;
  }

  /**
   * Returns sample `index` as copies of row `index` of the inputs and targets.
   *
   * @throws RangeError If `index` is not in [0, length).
   */
  get(index: number): Sample {
    const [input, target] = this.getBatch([index]);
    return [
      { data: input.data, shape: input.shape.slice(1), dtype: input.dtype },
      { data: target.data, shape: target.shape.slice(1), dtype: target.dtype },
    ];
  }

  /**
   * Returns the rows `indices` stacked: shapes [indices.length, ...].
   *
   * @throws RangeError If an index is not in [0, length).
   */
  getBatch(indices: readonly number[]): Sample {
    return [gatherRows('TensorDataset', this.inputs, indices), gatherRows('TensorDataset', this.targets, indices)];
  }

}
