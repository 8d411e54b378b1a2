// Installs a counting backend around the JS backend, trains one step, prints the kernel-call table and checks the
// result against the plain JS backend.
import { getBackend, setBackend, withBackend } from '@nanograd/autograd';
import { createJsBackend } from '@nanograd/kernels';
import { createCountingBackend, formatStatistics } from './counting-backend';
import { trainOneStep } from './train-step';

const smoke = process.argv.includes('--smoke');
const steps = smoke ? 1 : 3;

const counting = createCountingBackend(createJsBackend());
const start = performance.now();
const counted = withBackend(counting, () => {
  console.log(`active backend: ${getBackend().name}`);
  return trainOneStep();
});
const seconds = (performance.now() - start) / 1000;
console.log(`\none SGD step of a 4-16-3 ReLU network on a batch of 8 (loss ${counted.loss.toFixed(6)}):\n`);
console.log(formatStatistics(counting.statistics));

// The same step on a plain JS backend: a pure wrapper must not change a single bit.
const plain = withBackend(createJsBackend(), () => trainOneStep());
const identical = plain.loss === counted.loss && plain.parameters.every((values, i) => values.every((value, j) => Object.is(value, counted.parameters[i]?.[j])));
console.log(`\nplain JS backend: loss ${plain.loss.toFixed(6)}; parameters ${identical ? 'bit-identical' : 'DIFFERENT'} to the counting backend's`);

// setBackend installs it for everything that follows (withBackend above scopes it to one call); it returns the
// previous backend so the caller can put it back.
counting.reset();
const previous = setBackend(counting);
const before = performance.now();
for (let step = 0; step < steps; step++) trainOneStep(step);
setBackend(previous);
const calls = [...counting.statistics.values()].reduce((total, entry) => total + entry.calls, 0);
console.log(`${steps} more step(s) (model construction included): ${calls} backend calls, ${((performance.now() - before) / steps).toFixed(1)} ms per step`);
console.log(`wall time of the counted step ${seconds.toFixed(3)} s`);
if (!identical) process.exitCode = 1;
