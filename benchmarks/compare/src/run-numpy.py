#!/usr/bin/env python3
"""NumPy ceiling runner: sgemm and hand-written f32 training steps (forward, backward by hand, Adam) of the MLP,
the CNN (numpy_cnn.py) and the GPT (numpy_gpt.py); `python3 src/numpy-gradcheck.py` checks their gradients.

Usage: python3 src/run-numpy.py <workload> [--quick]. Prints one JSON line. Without numpy it reports medianMs null
with a note, so compare.ts shows n/a.
"""
import json
import os
import sys
import time

# The model modules sit beside this script; compare.ts runs it with cwd benchmarks/compare.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# No __pycache__ in the working tree.
sys.dont_write_bytecode = True

GEMM = {"gemm128": (128, 784, 128), "gemm512": (512, 512, 512)}


def emit(workload, median=None, minimum=None, runs=0, note=""):
    print(json.dumps({"library": "numpy", "backend": "python", "workload": workload,
                      "medianMs": median, "minMs": minimum, "runs": runs, "note": note}))


def measure(step, quick):
    warmup, min_runs, min_seconds, max_runs = (3, 3, 0.3, 50) if quick else (3, 5, 2.0, 500)
    for _ in range(warmup):
        step()
    times = []
    start = time.perf_counter()
    while len(times) < max_runs and (len(times) < min_runs or time.perf_counter() - start < min_seconds):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    return median, times[0], n


def mlp_step(np):
    rng = np.random.default_rng(0)
    sizes = [784, 256, 128, 10]
    batch = 128
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        params.append((rng.standard_normal((fan_in, fan_out), dtype=np.float32) / np.float32(np.sqrt(fan_in)),
                       np.zeros(fan_out, dtype=np.float32)))
    flat = [p for pair in params for p in pair]
    m = [np.zeros_like(p) for p in flat]
    v = [np.zeros_like(p) for p in flat]
    x = rng.standard_normal((batch, sizes[0]), dtype=np.float32)
    labels = rng.integers(0, sizes[-1], batch)
    one_hot = np.zeros((batch, sizes[-1]), dtype=np.float32)
    one_hot[np.arange(batch), labels] = 1
    lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-8
    state = {"t": 0}

    def step():
        (w1, c1), (w2, c2), (w3, c3) = [(flat[i], flat[i + 1]) for i in range(0, 6, 2)]
        z1 = x @ w1 + c1
        h1 = np.maximum(z1, 0)
        z2 = h1 @ w2 + c2
        h2 = np.maximum(z2, 0)
        logits = h2 @ w3 + c3
        shifted = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        probs = exp / exp.sum(axis=1, keepdims=True)
        loss = -np.mean(np.sum(one_hot * (shifted - np.log(exp.sum(axis=1, keepdims=True))), axis=1))
        d_logits = (probs - one_hot) / np.float32(batch)
        d_w3 = h2.T @ d_logits
        d_c3 = d_logits.sum(axis=0)
        d_z2 = (d_logits @ w3.T) * (z2 > 0)
        d_w2 = h1.T @ d_z2
        d_c2 = d_z2.sum(axis=0)
        d_z1 = (d_z2 @ w2.T) * (z1 > 0)
        d_w1 = x.T @ d_z1
        d_c1 = d_z1.sum(axis=0)
        grads = [d_w1, d_c1, d_w2, d_c2, d_w3, d_c3]
        state["t"] += 1
        t = state["t"]
        step_size = np.float32(lr / (1 - b1 ** t))
        correction2 = np.float32(1 - b2 ** t)
        for i, g in enumerate(grads):
            m[i] *= np.float32(b1)
            m[i] += np.float32(1 - b1) * g
            v[i] *= np.float32(b2)
            v[i] += np.float32(1 - b2) * g * g
            flat[i] -= step_size * m[i] / (np.sqrt(v[i] / correction2) + np.float32(eps))
        return float(loss)

    return step


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quick = "--quick" in sys.argv
    workload = args[0] if args else ""
    try:
        import numpy as np
    except ImportError:
        emit(workload, note="numpy is not installed")
        return
    note = "numpy %s, OPENBLAS_NUM_THREADS=%s" % (np.__version__, os.environ.get("OPENBLAS_NUM_THREADS", "default"))
    if workload in GEMM:
        m, k, n = GEMM[workload]
        rng = np.random.default_rng(0)
        a = rng.standard_normal((m, k), dtype=np.float32)
        b = rng.standard_normal((k, n), dtype=np.float32)
        emit(workload, *measure(lambda: a @ b, quick), note=note)
    elif workload == "mlp":
        emit(workload, *measure(mlp_step(np), quick), note=note + "; hand-written backward")
    elif workload == "cnn":
        from numpy_cnn import cnn_step
        emit(workload, *measure(cnn_step(), quick), note=note + "; hand-written backward, channels-last im2col")
    elif workload == "gpt":
        from numpy_gpt import gpt_step
        emit(workload, *measure(gpt_step(), quick), note=note + "; hand-written backward, tanh-GELU")
    else:
        emit(workload, note="no hand-written NumPy version")


if __name__ == "__main__":
    main()
