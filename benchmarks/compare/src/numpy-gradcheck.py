#!/usr/bin/env python3
"""Checks the hand-written backward passes of the NumPy CNN and GPT against central finite differences.

Usage: python3 src/numpy-gradcheck.py. Builds tiny float64 versions of both models (the same classes the f32
benchmark runs, only dtype and sizes differ), randomises every parameter so that no path is degenerate, and
compares each parameter's analytic gradient with (L(p + h) - L(p - h)) / 2h, element by element. Prints one line per
parameter (max |analytic - numeric| / max |gradient|) and exits 1 if any exceeds the tolerance.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# No __pycache__ in the working tree.
sys.dont_write_bytecode = True

import numpy as np  # noqa: E402

from numpy_cnn import CNN  # noqa: E402
from numpy_common import cross_entropy  # noqa: E402
from numpy_gpt import GPT  # noqa: E402

STEP = 1e-6
TOLERANCE = 1e-6
# Below this the gradient is zero up to rounding (a convolution bias right before batch norm): compare absolutely.
ZERO_GRADIENT = 1e-8


def randomise(params, rng):
    """Non-trivial values everywhere: gains near 1, everything else of order 0.5."""
    params.flat[...] = rng.standard_normal(params.flat.shape) * 0.5
    for name in params.names:
        if name.endswith("weight") and params[name].ndim == 1:
            params[name][...] += 1


def check(label, model, loss_of, analytic_of):
    """Prints one line per parameter; returns (worst relative error, worst absolute error of zero gradients)."""
    params = model.params
    analytic_of()
    worst, worst_zero = 0.0, 0.0
    print(label)
    for name in params.names:
        value, analytic = params[name].reshape(-1), params.grad[name].reshape(-1).copy()
        numeric = np.empty_like(analytic)
        for i in range(value.size):
            saved = value[i]
            value[i] = saved + STEP
            plus = loss_of()
            value[i] = saved - STEP
            minus = loss_of()
            value[i] = saved
            numeric[i] = (plus - minus) / (2 * STEP)
        error = np.abs(analytic - numeric).max()
        scale = max(np.abs(analytic).max(), np.abs(numeric).max())
        if scale < ZERO_GRADIENT:
            print(f"  {name:20s} {value.size:5d} values  gradient ~0 (max {scale:.1e}), abs error {error:.1e}")
            worst_zero = max(worst_zero, error)
        else:
            print(f"  {name:20s} {value.size:5d} values  max |grad| {scale:.2e}  rel error {error / scale:.2e}")
            worst = max(worst, error / scale)
    return worst, worst_zero


def main():
    rng = np.random.default_rng(7)
    cnn = CNN(np.float64, batch=4, image=8, channels=(2, 3, 4), classes=5, seed=1)
    randomise(cnn.params, rng)
    x = rng.standard_normal((4, 8, 8, 2))
    labels = rng.integers(0, 5, 4)

    def cnn_analytic():
        logits, cache = cnn.forward(x)
        cnn.backward(cross_entropy(logits, labels)[1], cache)

    worst_cnn = check("CNN (float64, batch 4, 8x8, channels 2-3-4, 5 classes)", cnn, lambda: cnn.loss(x, labels),
                      cnn_analytic)

    gpt = GPT(np.float64, vocab=7, block=6, embed=8, heads=2, layers=2, batch=3, seed=1)
    randomise(gpt.params, rng)
    stream = rng.integers(0, 7, (3, 6))
    tokens, targets = stream[:, :-1], stream[:, 1:].copy()

    def gpt_analytic():
        logits, cache = gpt.forward(tokens)
        gpt.backward(cross_entropy(logits, targets.reshape(-1))[1], cache)

    worst_gpt = check("GPT (float64, vocab 7, block 6 with 5 tokens used, embed 8, 2 heads, 2 layers, batch 3)", gpt,
                      lambda: gpt.loss(tokens, targets), gpt_analytic)
    worst = max(worst_cnn[0], worst_gpt[0])
    worst_zero = max(worst_cnn[1], worst_gpt[1])
    ok = worst < TOLERANCE and worst_zero < ZERO_GRADIENT
    print(f"worst relative error {worst:.2e} (tolerance {TOLERANCE:.0e}), worst absolute error of zero gradients "
          f"{worst_zero:.1e} (tolerance {ZERO_GRADIENT:.0e}): {'ok' if ok else 'FAILED'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
