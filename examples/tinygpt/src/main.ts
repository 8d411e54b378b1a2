// Trains the char-level GPT on tiny-shakespeare, prints train and validation losses, samples text, saves the weights.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manualSeed } from '@nanograd/autograd';
import { loadTinyShakespeare } from '@nanograd/data/node';
import { saveState } from '@nanograd/layer';
import { dataDirectory as findDataDir } from '@nanograd-examples/shared';
import { DEFAULT_CONFIG, splitTokens, train, type TrainConfig } from './tinygpt';

function option(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  if (index < 0) return undefined;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} needs a positive integer (got ${process.argv[index + 1]})`);
  return value;
}

const smoke = process.argv.includes('--smoke');
const iterations = option('--iterations');
const batchSize = option('--batch');
const config: TrainConfig = {
  ...DEFAULT_CONFIG,
  ...(smoke ? { iterations: 5, batchSize: 8, logEvery: 1, evalEvery: 5, evalBatches: 2 } : {}),
  ...(iterations === undefined ? {} : { iterations }),
  ...(batchSize === undefined ? {} : { batchSize }),
};

manualSeed(1337);
const dataDir = findDataDir();
const corpus = await loadTinyShakespeare(dataDir === undefined ? {} : { dataDir });
const { tokenizer } = corpus;
// The smoke run trains on the first 20,000 characters only.
const tokens = smoke ? (corpus.tokens.data as Int32Array).subarray(0, 20_000) : (corpus.tokens.data as Int32Array);
const split = splitTokens(tokens);
console.log(`tiny-shakespeare: ${corpus.text.length} characters${smoke ? ' (smoke: first 20,000)' : ''}, vocabulary ${tokenizer.vocabSize}; ${split.train.length} train / ${split.validation.length} validation tokens`);
console.log(`GPT embed ${config.embedDim}, ${config.numHeads} heads, ${config.numLayers} layers, block ${config.blockSize}; batch ${config.batchSize}, ${config.iterations} iterations, AdamW lr ${config.learningRate} (warm-up ${config.warmupSteps}, cosine to ${config.minLearningRate}), weight decay ${config.weightDecay}, clip ${config.gradClip}\n`);

const result = train(tokenizer.vocabSize, split.train, split.validation, config, {
  onTrainLoss: (iteration, loss, learningRate, secondsPerStep) =>
    console.log(`iteration ${String(iteration).padStart(5)}  train loss ${loss.toFixed(4)}  lr ${learningRate.toExponential(2)}  ${(secondsPerStep * 1000).toFixed(0)} ms/step`),
  onValidationLoss: (iteration, loss) => console.log(`iteration ${String(iteration).padStart(5)}  validation loss ${loss.toFixed(4)} (mean of ${config.evalBatches} batches)`),
});
const { model } = result;
console.log(`\n${model.parameterCount()} parameters; final train loss ${result.lastLoss.toFixed(4)}, validation loss ${result.validationLoss.toFixed(4)}; training wall time ${result.seconds.toFixed(1)} s (${((result.seconds / config.iterations) * 1000).toFixed(0)} ms/iteration with evaluation)`);

const sample = model.generate(Array.from(tokenizer.encode('\n')), { maxNewTokens: smoke ? 60 : 300, temperature: 1, seed: 0 });
console.log(`\n--- sample ---\n${tokenizer.decode(sample.slice(1))}\n--------------`);

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');
const file = join(outDir, smoke ? 'tinygpt-smoke.safetensors' : 'tinygpt.safetensors');
await mkdir(outDir, { recursive: true });
await writeFile(file, saveState(model, { metadata: { vocabulary: JSON.stringify(tokenizer.vocabulary), config: JSON.stringify(config) } }));
console.log(`saved the weights to ${file}`);
