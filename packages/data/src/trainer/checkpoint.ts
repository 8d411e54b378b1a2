// Checkpoints: everything a training run needs to continue exactly, as plain JSON.
import { tensor, type RandomState, type Tensor } from '@nanograd/autograd';
import type { DType } from '@nanograd/kernels';
import type { History } from './history';

/**
 * One tensor in JSON form.
 *
 * @example
 * ```ts
 * import type { SavedTensor } from '@nanograd/data';
 * const saved: SavedTensor = { dtype: 'f32', shape: [2], data: [1, 2] };
 * ```
 * @category Training
 */
export interface SavedTensor {
  /** Element type. */
  readonly dtype: DType;
  /** Extents. */
  readonly shape: readonly number[];
  /** Row-major elements (f32 values are exact: they came from a Float32Array). */
  readonly data: readonly number[];
}

/**
 * A training run's full state after some step: model, optimizer and scheduler state, the position in the data,
 * and the history so far. Plain JSON.
 *
 * @example
 * ```ts
 * import type { Checkpoint } from '@nanograd/data';
 * const describe = (checkpoint: Checkpoint): string => `step ${checkpoint.step}, epoch ${checkpoint.epoch}`;
 * ```
 * @category Training
 */
export interface Checkpoint {
  /** Format version. */
  readonly version: 1;
  /** Optimisation steps taken. */
  readonly step: number;
  /** The epoch to continue in. */
  readonly epoch: number;
  /** The next batch of that epoch. */
  readonly batch: number;
  /** The model's `stateDict()`, parameters and buffers. */
  readonly model: Readonly<Record<string, SavedTensor>>;
  /** The optimizer's `stateDict()`. */
  readonly optimizer: unknown;
  /** The scheduler's `stateDict()`, when there is a scheduler. */
  readonly scheduler?: unknown;
  /** The global generator's position (dropout, random init) so the continued run draws the same numbers. */
  readonly random: RandomState;
  /** The history up to `step`. */
  readonly history: History;
  /** Training averages accumulated so far in the unfinished epoch. */
  readonly epochTotals: Readonly<Record<string, number>>;
}

/**
 * Where a Trainer puts checkpoints: memory (`memoryCheckpoints`), files (`fileCheckpoints` in
 * `@nanograd/data/node`), or anything with a `save` method.
 *
 * @example
 * ```ts
 * import type { Checkpoint, CheckpointStore } from '@nanograd/data';
 * const kept: Checkpoint[] = [];
 * const store: CheckpointStore = { save: (checkpoint) => void kept.push(checkpoint) };
 * ```
 * @category Training
 */
export interface CheckpointStore {
  /** Stores one checkpoint; may be async. */
  save(checkpoint: Checkpoint): void | Promise<void>;
}

/**
 * A checkpoint store that keeps the last `keep` checkpoints in memory (useful in browsers and tests).
 *
 * @param keep - How many to keep (default 1).
 * @returns The store, with `latest()` and `all()`.
 *
 * @example
 * ```ts
 * import { memoryCheckpoints } from '@nanograd/data';
 * const store = memoryCheckpoints();
 * store.latest(); // null
 * ```
 * @category Training
 */
export function memoryCheckpoints(keep = 1): MemoryCheckpointStore {
  const kept: Checkpoint[] = [];
  return {
    save(checkpoint: Checkpoint): void {
      // A deep copy: later training must not alter what was saved.
      kept.push(structuredClone(checkpoint));
      while (kept.length > keep) kept.shift();
    },
    latest: () => kept.at(-1) ?? null,
    all: () => [...kept],
  };
}

/**
 * The store {@link memoryCheckpoints} returns.
 *
 * @example
 * ```ts
 * import { memoryCheckpoints, type MemoryCheckpointStore } from '@nanograd/data';
 * const store: MemoryCheckpointStore = memoryCheckpoints(3);
 * store.all().length; // 0
 * ```
 * @category Training
 */
export interface MemoryCheckpointStore extends CheckpointStore {
  /** The newest checkpoint, or null. */
  latest(): Checkpoint | null;
  /** The kept checkpoints, oldest first. */
  all(): Checkpoint[];
}

/**
 * Converts a state dict to JSON-ready tensors.
 *
 * @param state - Tensors by name.
 * @returns The same entries as {@link SavedTensor}s.
 *
 * @example
 * ```ts
 * import { saveTensors } from '@nanograd/data';
 * import { tensor } from '@nanograd/autograd';
 * saveTensors({ w: tensor([1, 2]) }).w?.data; // [1, 2]
 * ```
 * @category Training
 */
export function saveTensors(state: Readonly<Record<string, Tensor>>): Record<string, SavedTensor> {
  const out: Record<string, SavedTensor> = {};
  for (const [name, value] of Object.entries(state)) out[name] = { dtype: value.dtype, shape: [...value.shape], data: Array.from(value.data) };
  return out;
}

/**
 * Converts JSON-ready tensors back to tensors.
 *
 * @param saved - Entries as {@link saveTensors} gives them.
 * @returns Tensors by name.
 *
 * @example
 * ```ts
 * import { restoreTensors } from '@nanograd/data';
 * restoreTensors({ w: { dtype: 'f64', shape: [2], data: [1, 2] } }).w?.dtype; // 'f64'
 * ```
 * @category Training
 */
export function restoreTensors(saved: Readonly<Record<string, SavedTensor>>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, value] of Object.entries(saved)) out[name] = tensor(value.data.length === 0 ? [] : [...value.data], { dtype: value.dtype }).reshape(value.shape);
  return out;
}
