// The workloads every runner understands, with the shapes the issue fixes; runners import these so sizes never drift.

/** A workload name as passed on the command line. */
export type WorkloadName = 'gemm128' | 'gemm512' | 'mlp' | 'cnn' | 'gpt';

/** Every workload, in table order. */
export const WORKLOADS: readonly WorkloadName[] = ['gemm128', 'gemm512', 'mlp', 'cnn', 'gpt'];

/** Human-readable row labels of the table. */
export const WORKLOAD_LABELS: Record<WorkloadName, string> = {
  gemm128: 'gemm 128×784×128 (f32)',
  gemm512: 'gemm 512×512×512 (f32)',
  mlp: 'MLP 784-256-128-10, batch 128: fwd+bwd+Adam',
  cnn: 'MNIST CNN (nanoad), batch 128: fwd+bwd+Adam',
  gpt: 'GPT 4L/4H/64d, block 32, batch 8: fwd+bwd+Adam',
};

/** `[M, K, N]` of the two gemm workloads: `C(M×N) = A(M×K) · B(K×N)`. */
export const GEMM_SHAPES: Record<'gemm128' | 'gemm512', readonly [number, number, number]> = {
  gemm128: [128, 784, 128],
  gemm512: [512, 512, 512],
};

/** Floating-point operations of one gemm, 2·M·K·N. */
export function gemmFlops(workload: 'gemm128' | 'gemm512'): number {
  const [m, k, n] = GEMM_SHAPES[workload];
  return 2 * m * k * n;
}

/** MLP sizes: 784-256-128-10 with ReLU, batch 128. */
export const MLP = { batch: 128, sizes: [784, 256, 128, 10] } as const;

/** nanoad's MNIST CNN: conv 1→8, BN, ReLU, pool, conv 8→16, BN, ReLU, pool, flatten, linear 784→10. */
export const CNN = { batch: 128, channels: [1, 8, 16], image: 28, classes: 10 } as const;

/** The GPT: vocab 65, block 32, embed 64, 4 heads, 4 layers, batch 8, MLP ratio 4. */
export const GPT = { vocab: 65, block: 32, embed: 64, heads: 4, layers: 4, batch: 8, mlpRatio: 4 } as const;

/** Adam learning rate used by every runner (the value does not change the cost). */
export const LEARNING_RATE = 1e-3;

/** Checks a command-line workload name. */
export function parseWorkload(value: string | undefined): WorkloadName {
  if (value !== undefined && (WORKLOADS as readonly string[]).includes(value)) return value as WorkloadName;
  throw new Error(`unknown workload '${value ?? ''}' (expected one of ${WORKLOADS.join(', ')})`);
}
