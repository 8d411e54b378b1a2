// Fits the 2-8-1 network to sin(x₁)·cos(x₂): prints the training MSE every 100 epochs, the final MSEs and the wall time.
import { summary } from '@nanograd/layer';
import { fit, makeModel } from './regression';

const smoke = process.argv.includes('--smoke');
const epochs = smoke ? 20 : 1000;
const logEvery = smoke ? 5 : 100;

console.log(summary(makeModel(), { inputShape: [1, 2] }));
console.log(`\ny = sin(x1)·cos(x2) on [-2, 2]², 512 training / 256 test points, SGD lr 0.05 (cosine-annealed) momentum 0.9, batch 32, ${epochs} epochs\n`);
console.log('| epoch | train MSE |\n|---:|---:|');
const start = performance.now();
const { initialTrainMse, trainMse, testMse } = fit({
  epochs,
  logEvery,
  onEpoch: (epoch, mse) => console.log(`| ${epoch} | ${mse.toExponential(3)} |`),
});
const seconds = (performance.now() - start) / 1000;
console.log(`\ninitial train MSE ${initialTrainMse.toExponential(3)}; final train MSE ${trainMse.toExponential(3)}, test MSE ${testMse.toExponential(3)}`);
console.log(`wall time ${seconds.toFixed(2)} s`);
