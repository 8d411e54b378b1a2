// Conformance suite of the fused optimizer kernels: results must equal the reference function bit for bit.
import { expect, it } from 'vitest';
import type { Backend, Kernels, View } from '../backend';
import type { FloatDType, FloatArray } from '../dtype';
import { ShapeError } from '../errors';
import { randomArray } from '../internal/nd-layout';
import { adamStep, type AdamStepParameters } from '../optim/adam-step';
import { Random } from '../random';
import { expectBuffer, upload, type KernelSuite, type Operand } from './conformance-context';

const FLOATS: FloatDType[] = ['f32', 'f64'];
const SIZES = [0, 1, 2, 7, 33, 1000];

function parametersAt(step: number, extra: Partial<AdamStepParameters> = {}): AdamStepParameters {
  const beta1 = 0.9;
  const beta2 = 0.999;
  return {
    beta1, beta2, epsilon: 1e-8, stepSize: 0.01 / (1 - beta1 ** step), biasCorrection2Sqrt: Math.sqrt(1 - beta2 ** step),
    l2: 0, shrink: 1, maximize: false, ...extra,
  };
}

const VARIANTS: Record<string, Partial<AdamStepParameters> & { amsgrad?: boolean }> = {
  plain: {},
  'L2 term': { l2: 0.05 },
  'decoupled shrink': { shrink: 1 - 0.01 * 0.1 },
  maximize: { maximize: true },
  amsgrad: { amsgrad: true },
  'everything at once': { l2: 0.01, shrink: 0.999, maximize: true, amsgrad: true },
};

/** A dense operand that starts `pad` elements into a larger buffer, so offsets are exercised. */
function dense(backend: Backend, host: FloatArray, pad: number): Operand<FloatArray> {
  const padded = host.constructor === Float32Array ? new Float32Array(host.length + pad + 3) : new Float64Array(host.length + pad + 3);
  padded.fill(-7);
  padded.set(host, pad);
  const operand = upload(backend, padded, { shape: [host.length], strides: [1], offset: pad, length: padded.length });
  return operand;
}

const adamStepSuite: KernelSuite = (backend) => {
  for (const dtype of FLOATS) {
    for (const [variant, options] of Object.entries(VARIANTS)) {
      it(`${variant} (${dtype}) over several steps equals the reference bit for bit`, async () => {
        const random = new Random(31);
        for (const size of SIZES) {
          const { amsgrad = false, ...extra } = options;
          const hosts = [0, 1, 2, 3, 4].map(() => randomArray(random, dtype, size) as FloatArray);
          for (const moment of [hosts[3]!, hosts[4]!]) moment.forEach((value, i) => (moment[i] = Math.abs(value)));
          const [param, grad, expAvg, expAvgSq, maxExpAvgSq] = hosts.map((host, index) => dense(backend(), host, index));
          for (let step = 1; step <= 3; step++) {
            const parameters = parametersAt(step, extra);
            const reference = [param, expAvg, expAvgSq, maxExpAvgSq].map((operand) => operand!.host);
            adamStep(
              parameters,
              reference[0]!.subarray(0 + 0, 0 + size), grad!.host.subarray(1, 1 + size), reference[1]!.subarray(2, 2 + size),
              reference[2]!.subarray(3, 3 + size), amsgrad ? reference[3]!.subarray(4, 4 + size) : null,
            );
            backend().kernels.adamStep(param!.view, grad!.view, expAvg!.view, expAvgSq!.view, amsgrad ? maxExpAvgSq!.view : null, parameters);
          }
          for (const [name, operand] of [['param', param], ['expAvg', expAvg], ['expAvgSq', expAvgSq], ['maxExpAvgSq', maxExpAvgSq]] as const) {
            await expectBuffer(backend(), operand!, operand!.host, `${variant} ${dtype} size ${size}: ${name}`);
          }
        }
      });
    }
  }
  it('rejects views of different shapes or a strided view with a ShapeError', () => {
    const b = backend();
    const view = (size: number, strides = [1]): View => ({ buffer: b.alloc('f32', size * strides[0]!), shape: [size], strides, offset: 0 });
    const kernels: Kernels = b.kernels;
    expect(() => kernels.adamStep(view(4), view(5), view(4), view(4), null, parametersAt(1))).toThrow(ShapeError);
    expect(() => kernels.adamStep(view(4), view(4, [2]), view(4), view(4), null, parametersAt(1))).toThrow(/adamStep: grad must be contiguous/);
  });
};

/** The suites of the fused optimizer kernels, by kernel name. */
export const OPTIMIZER_SUITES: { adamStep: KernelSuite } = { adamStep: adamStepSuite };
