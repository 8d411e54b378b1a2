"""nanoad's MNIST CNN in NumPy with a hand-written backward: conv 3x3 pad 1 (+bias), BatchNorm2d (training mode),
ReLU, max pool 2, twice, then flatten and a linear layer; cross-entropy from logits.

Activations are channels-last (N, H, W, C) so every convolution is one (N*H*W, 9*Cin) x (9*Cin, Cout) matmul and
batch norm reduces over the rows of an (N*H*W, C) matrix. Kernels are stored HWIO (3, 3, Cin, Cout), the flattened
features in (h, w, c) order: the same model as the PyTorch layout up to a fixed permutation of parameter entries.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from numpy_common import ParamSet, cross_entropy, train_step

TAPS = [(ky, kx) for ky in range(3) for kx in range(3)]


def _tap_ranges(size, k):
    """Output rows [lo, hi) whose input row (out + k - 1) lies inside the image, for kernel offset k."""
    lo, hi = max(0, 1 - k), min(size, size + 1 - k)
    return lo, hi, lo + k - 1, hi + k - 1


def im2col(x, padded):
    """3x3 pad-1 patches of x (N, H, W, C) as (N*H*W, 9*C) in (ky, kx, c) order; padded is (N, H+2, W+2, C) with a
    zero border that is never written."""
    n, h, w, c = x.shape
    padded[:, 1:-1, 1:-1, :] = x
    # One strided copy of the window view (measured 3x faster than nine slice copies into the patch matrix).
    windows = sliding_window_view(padded, (3, 3), axis=(1, 2)).transpose(0, 1, 2, 4, 5, 3)
    return np.ascontiguousarray(windows).reshape(n * h * w, 9 * c)


def col2im(d_z, weight, d_x):
    """d_x (N, H, W, Cin) of a 3x3 pad-1 convolution from d_z (N*H*W, Cout): one small matmul per kernel tap, whose
    contiguous result is added into the shifted window (no (N*H*W, 9*Cin) patch gradient, no np.add.at)."""
    n, h, w, c = d_x.shape
    d_x[...] = (d_z @ weight[1, 1].T).reshape(n, h, w, c)  # the centre tap covers every pixel
    for ky, kx in TAPS:
        if (ky, kx) == (1, 1):
            continue
        h0, h1, s0, s1 = _tap_ranges(h, ky)
        w0, w1, t0, t1 = _tap_ranges(w, kx)
        d_x[:, s0:s1, t0:t1, :] += (d_z @ weight[ky, kx].T).reshape(n, h, w, c)[:, h0:h1, w0:w1, :]


def _channel_view(a):
    """(rows, C) as (rows / k, k*C) with k up to 32: per-channel broadcasts and column sums on C = 8 or 16 wide rows
    run 3-10x slower in NumPy than on 256 wide ones. Returns the view and k."""
    rows, c = a.shape
    k = 32
    while rows % k:
        k //= 2
    return a.reshape(rows // k, k * c), k


def _add_channel_bias(z, bias):
    """z (rows, C) += bias in place, on the wide view."""
    wide, k = _channel_view(z)
    wide += np.tile(bias, k)
    return z


def _channel_sum(wide, k):
    return wide.sum(axis=0).reshape(k, -1).sum(axis=0)


def batch_norm_forward(z, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5):
    """Training-mode batch norm of z (rows, C) with batch statistics (biased variance); updates the running stats."""
    rows = z.shape[0]
    wide, k = _channel_view(z)
    mean = _channel_sum(wide, k) / rows
    centred = wide - np.tile(mean, k)
    var = np.einsum("ij,ij->j", centred, centred).reshape(k, -1).sum(axis=0) / rows
    inv_std = 1 / np.sqrt(var + eps)
    out = centred * np.tile(gamma * inv_std, k)
    out += np.tile(beta, k)
    # PyTorch's convention, which nanograd follows: the running variance takes the unbiased estimate.
    running_mean *= 1 - momentum
    running_mean += momentum * mean
    running_var *= 1 - momentum
    running_var += (momentum * rows / (rows - 1)) * var
    return out.reshape(z.shape), (centred, inv_std, k)


def batch_norm_backward(d_out, gamma, cache, d_gamma, d_beta):
    """Writes d gamma and d beta; returns d z = gamma*inv_std/rows * (rows*d_out - sum d_out - xhat*sum(d_out*xhat))."""
    centred, inv_std, k = cache
    rows = d_out.shape[0]
    wide = d_out.reshape(centred.shape)
    d_beta[...] = _channel_sum(wide, k)
    d_gamma[...] = np.einsum("ij,ij->j", wide, centred).reshape(k, -1).sum(axis=0) * inv_std
    scale = gamma * inv_std
    d_z = wide * np.tile(scale, k)
    d_z -= centred * np.tile(scale * inv_std * d_gamma / rows, k)
    d_z -= np.tile(scale * d_beta / rows, k)
    return d_z.reshape(d_out.shape)


def pool_relu_forward(y):
    """2x2 max pool then ReLU (equal to ReLU then pool, on 4x fewer values); returns output and window-max mask."""
    n, h, w, c = y.shape
    windows = y.reshape(n, h // 2, 2, w // 2, 2, c)
    # Two pairwise maxima (rows, then columns) instead of max(axis=(2, 4)), which is ~10x slower here.
    rows = np.maximum(windows[:, :, 0], windows[:, :, 1])
    pooled = np.maximum(rows[:, :, :, 0], rows[:, :, :, 1])
    # Ties inside a window have probability zero for these continuous batch-normalised values.
    mask = windows == pooled[:, :, None, :, None, :]
    return np.maximum(pooled, 0), (mask, pooled > 0)


def pool_relu_backward(d_out, cache):
    """Routes d_out (N, H/2, W/2, C) to the window maxima whose value passed the ReLU; returns (N, H, W, C)."""
    mask, positive = cache
    n, h2, _, w2, _, c = mask.shape
    d_pooled = d_out * positive
    return (mask * d_pooled[:, :, None, :, None, :]).reshape(n, 2 * h2, 2 * w2, c)


class CNN:
    """The CNN with its parameters in one ParamSet; `step` is forward + backward + Adam, `loss` forward only."""

    def __init__(self, dtype=np.float32, batch=128, image=28, channels=(1, 8, 16), classes=10, seed=0):
        c0, c1, c2 = channels
        self.dtype, self.batch, self.image, self.channels = np.dtype(dtype), batch, image, channels
        features = c2 * (image // 4) ** 2
        self.params = ParamSet({
            "conv1.weight": (3, 3, c0, c1), "conv1.bias": (c1,), "bn1.weight": (c1,), "bn1.bias": (c1,),
            "conv2.weight": (3, 3, c1, c2), "conv2.bias": (c2,), "bn2.weight": (c2,), "bn2.bias": (c2,),
            "linear.weight": (features, classes), "linear.bias": (classes,),
        }, self.dtype)
        rng = np.random.default_rng(seed)
        p = self.params
        p["conv1.weight"][...] = rng.standard_normal(p["conv1.weight"].shape) / np.sqrt(9 * c0)
        p["conv2.weight"][...] = rng.standard_normal(p["conv2.weight"].shape) / np.sqrt(9 * c1)
        p["linear.weight"][...] = rng.standard_normal(p["linear.weight"].shape) / np.sqrt(features)
        p["bn1.weight"][...] = 1
        p["bn2.weight"][...] = 1
        self.running = {name: np.zeros(size, self.dtype) for name, size in
                        (("bn1.mean", c1), ("bn1.var", c1), ("bn2.mean", c2), ("bn2.var", c2))}
        self.running["bn1.var"][...] = 1
        self.running["bn2.var"][...] = 1
        half = image // 2
        # Padded inputs are allocated once: their zero borders are the padding.
        self.padded1 = np.zeros((batch, image + 2, image + 2, c0), self.dtype)
        self.padded2 = np.zeros((batch, half + 2, half + 2, c1), self.dtype)
        self.d_pooled1 = np.empty((batch, half, half, c1), self.dtype)

    def forward(self, x):
        """x (N, H, W, Cin) -> logits and the cache of the backward pass."""
        p, r = self.params, self.running
        n, side = self.batch, self.image
        c0, c1, c2 = self.channels
        cols1 = im2col(x, self.padded1)
        z1 = _add_channel_bias(cols1 @ p["conv1.weight"].reshape(9 * c0, c1), p["conv1.bias"])
        y1, bn1 = batch_norm_forward(z1, p["bn1.weight"], p["bn1.bias"], r["bn1.mean"], r["bn1.var"])
        a1, pool1 = pool_relu_forward(y1.reshape(n, side, side, c1))
        cols2 = im2col(a1, self.padded2)
        z2 = _add_channel_bias(cols2 @ p["conv2.weight"].reshape(9 * c1, c2), p["conv2.bias"])
        y2, bn2 = batch_norm_forward(z2, p["bn2.weight"], p["bn2.bias"], r["bn2.mean"], r["bn2.var"])
        a2, pool2 = pool_relu_forward(y2.reshape(n, side // 2, side // 2, c2))
        features = a2.reshape(n, -1)
        logits = features @ p["linear.weight"] + p["linear.bias"]
        return logits, (cols1, bn1, pool1, cols2, bn2, pool2, features)

    def loss(self, x, labels):
        return cross_entropy(self.forward(x)[0], labels)[0]

    def backward(self, d_logits, cache):
        """Writes every parameter's gradient into self.params.grad."""
        p, g = self.params, self.params.grad
        cols1, bn1, pool1, cols2, bn2, pool2, features = cache
        c0, c1, c2 = self.channels
        g["linear.weight"][...] = features.T @ d_logits
        g["linear.bias"][...] = d_logits.sum(axis=0)
        d_a2 = (d_logits @ p["linear.weight"].T).reshape(pool2[1].shape)
        d_y2 = pool_relu_backward(d_a2, pool2).reshape(-1, c2)
        d_z2 = batch_norm_backward(d_y2, p["bn2.weight"], bn2, g["bn2.weight"], g["bn2.bias"])
        g["conv2.bias"][...] = _channel_sum(*_channel_view(d_z2))
        g["conv2.weight"][...] = (cols2.T @ d_z2).reshape(3, 3, c1, c2)
        col2im(d_z2, p["conv2.weight"], self.d_pooled1)
        d_y1 = pool_relu_backward(self.d_pooled1, pool1).reshape(-1, c1)
        d_z1 = batch_norm_backward(d_y1, p["bn1.weight"], bn1, g["bn1.weight"], g["bn1.bias"])
        g["conv1.bias"][...] = _channel_sum(*_channel_view(d_z1))
        # The input needs no gradient, so the first convolution stops at its weight.
        g["conv1.weight"][...] = (cols1.T @ d_z1).reshape(3, 3, c0, c1)


def cnn_step():
    """The benchmark workload: batch 128 of (1, 28, 28) f32 images, 10 classes; returns the step closure."""
    model = CNN(np.float32)
    rng = np.random.default_rng(1)
    # (N, 1, 28, 28) and (N, 28, 28, 1) hold the same numbers in the same order.
    x = rng.standard_normal((model.batch, 1, model.image, model.image), dtype=np.float32).reshape(
        model.batch, model.image, model.image, 1)
    labels = rng.integers(0, 10, model.batch)
    return lambda: float(train_step(model, x, labels))
