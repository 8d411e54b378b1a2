"""Shared pieces of the hand-written NumPy models: flat parameter storage with a one-pass Adam, and cross-entropy.

Every model keeps all its parameters (and gradients, and Adam moments) as views into one flat array, so the Adam
update is a handful of vectorised NumPy calls per step whatever the number of parameter tensors. Scalars are Python
floats: NumPy 2 treats them as weak, so float32 arrays stay float32 (an np.float64 scalar would upcast them).
"""
import numpy as np


class ParamSet:
    """Named parameters as views into one flat array, with their gradients and the Adam state likewise."""

    def __init__(self, shapes, dtype):
        self.dtype = np.dtype(dtype)
        self.names = list(shapes)
        sizes = [int(np.prod(shapes[name])) for name in self.names]
        total = sum(sizes)
        self.flat = np.zeros(total, dtype=self.dtype)
        self.flat_grad = np.zeros(total, dtype=self.dtype)
        self.m = np.zeros(total, dtype=self.dtype)
        self.v = np.zeros(total, dtype=self.dtype)
        self.scratch = np.zeros(total, dtype=self.dtype)
        self.value, self.grad = {}, {}
        offset = 0
        for name, size in zip(self.names, sizes):
            self.value[name] = self.flat[offset:offset + size].reshape(shapes[name])
            self.grad[name] = self.flat_grad[offset:offset + size].reshape(shapes[name])
            offset += size
        self.t = 0

    def __getitem__(self, name):
        return self.value[name]

    def adam(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        """The MLP runner's Adam (bias-corrected, eps outside the square root), in place on the flat arrays."""
        self.t += 1
        step_size = lr / (1 - beta1 ** self.t)
        correction2 = 1 - beta2 ** self.t
        g, m, v, tmp = self.flat_grad, self.m, self.v, self.scratch
        m *= beta1
        np.multiply(g, 1 - beta1, out=tmp)
        m += tmp
        v *= beta2
        np.multiply(g, g, out=tmp)
        tmp *= 1 - beta2
        v += tmp
        np.divide(v, correction2, out=tmp)
        np.sqrt(tmp, out=tmp)
        tmp += eps
        np.divide(m, tmp, out=tmp)
        tmp *= step_size
        self.flat -= tmp


def cross_entropy(logits, labels):
    """Mean cross-entropy of logits (rows, classes) against integer labels; returns (loss, d loss / d logits)."""
    rows = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    total = exp.sum(axis=1, keepdims=True)
    picked = np.arange(rows)
    loss = np.log(total[:, 0]).sum() / rows - shifted[picked, labels].sum() / rows
    d_logits = exp / total
    d_logits[picked, labels] -= 1
    d_logits *= 1 / rows
    return loss, d_logits


def train_step(model, inputs, labels, lr=1e-3):
    """One training step of a model with forward/backward/params: cross-entropy over every label, then Adam."""
    logits, cache = model.forward(inputs)
    loss, d_logits = cross_entropy(logits, labels.reshape(-1))
    model.backward(d_logits, cache)
    model.params.adam(lr)
    return loss
