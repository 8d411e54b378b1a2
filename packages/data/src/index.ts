/**
 * Datasets and data loading for nanograd: IDX (MNIST) decoding and gzip, with loaders and batching to come.
 *
 * @packageDocumentation
 */
export type { IdxType, IdxArray } from './parse-idx';
export { parseIdx, FormatError } from './parse-idx';
export { gunzip } from './gunzip';
