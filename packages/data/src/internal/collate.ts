import type { Dataset, Sample } from '../dataset';
import { stack } from './tensor-data-utils';

/** The samples at `indices` stacked along a new first axis, through `getBatch` when the dataset has it. */
export function collate(name: string, dataset: Dataset, indices: readonly number[]): Sample {
  if (dataset.getBatch !== undefined) return dataset.getBatch(indices);
  const samples = indices.map((index) => dataset.get(index));
  return [stack(name, samples.map((sample) => sample[0])), stack(name, samples.map((sample) => sample[1]))];
}
