// A terminal progress bar for Trainer.fit (cli-progress); plain log lines when stderr is not a terminal.
import cliProgress from 'cli-progress';
import type { BatchInfo, Callback, EpochLogs } from '../trainer/callback';

/**
 * Options of {@link progressBar}.
 *
 * @example
 * ```ts
 * import type { ProgressBarOptions } from '@nanograd/data/node';
 * const options: ProgressBarOptions = { stream: process.stdout };
 * ```
 * @category Training
 */
export interface ProgressBarOptions {
  /** Where to draw (default `process.stderr`). */
  readonly stream?: NodeJS.WriteStream;
  /** Without a terminal, print a line every this many batches (default: 10 lines per epoch). */
  readonly logEvery?: number;
}

const format = (value: number | undefined): string => (value === undefined ? '-' : value.toFixed(4));

/** One line summarising an epoch's averages. */
function epochLine(logs: EpochLogs): string {
  const train = Object.entries(logs.train).map(([name, value]) => `${name} ${format(value)}`);
  const validation = Object.entries(logs.validation ?? {}).map(([name, value]) => `validation ${name} ${format(value)}`);
  return `epoch ${logs.epoch + 1}: ${[...train, ...validation].join(', ')} (${logs.seconds.toFixed(1)} s)`;
}

/**
 * A Trainer callback that draws a progress bar per epoch with the loss, learning rate, throughput and ETA, and
 * prints each epoch's averages. On a non-terminal stream (CI logs) it prints a short line every few batches.
 *
 * @param options - The stream and the log interval.
 * @returns The callback.
 *
 * @example
 * ```ts
 * import { progressBar } from '@nanograd/data/node';
 * const callbacks = [progressBar()];
 * callbacks.length; // 1
 * ```
 * @category Training
 */
export function progressBar(options: ProgressBarOptions = {}): Callback {
  const stream = options.stream ?? process.stderr;
  const interactive = stream.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  let rate = 0;
  let epochs = 1;
  return {
    onTrainBegin(info) {
      epochs = info.epochs;
    },
    onEpochBegin(epoch) {
      if (!interactive) return;
      bar = new cliProgress.SingleBar(
        {
          format: `epoch ${epoch + 1}/${epochs} [{bar}] {value}/{total} | loss {loss} | lr {lr} | {rate} samples/s | ETA {eta_formatted}`,
          stream,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(0, 0, { loss: '-', lr: '-', rate: '-' });
    },
    onBatchEnd(info: BatchInfo) {
      // An exponential average keeps the throughput readable from batch to batch.
      rate = rate === 0 ? info.samplesPerSecond : 0.9 * rate + 0.1 * info.samplesPerSecond;
      const payload = { loss: info.loss.toFixed(4), lr: info.learningRate.toPrecision(3), rate: rate.toFixed(0) };
      if (bar) {
        if (bar.getTotal() !== info.batches && Number.isFinite(info.batches)) bar.setTotal(info.batches);
        bar.update(info.batch + 1, payload);
        return;
      }
      const every = options.logEvery ?? Math.max(1, Math.round((Number.isFinite(info.batches) ? info.batches : 100) / 10));
      if ((info.batch + 1) % every === 0 || info.batch + 1 === info.batches) {
        stream.write(`epoch ${info.epoch + 1}/${info.epochs} batch ${info.batch + 1}/${info.batches} | loss ${payload.loss} | lr ${payload.lr} | ${payload.rate} samples/s\n`);
      }
    },
    onEpochEnd(logs) {
      bar?.stop();
      bar = null;
      stream.write(`${epochLine(logs)}\n`);
    },
  };
}
