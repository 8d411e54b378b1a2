// Entry of the examples' shared helpers.
export { dataDirectory } from './data-dir';
export { chartSvg, type Panel, type Series } from './plot-svg';
export { prepareMnist, saveRun, smoothedLoss, type MnistData, type MnistDataOptions, type SavedRun } from './mnist-run';
