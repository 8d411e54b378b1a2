"""The benchmark GPT in NumPy with a hand-written backward: token + learned position embeddings, pre-LN blocks
x + attn(LN(x)) and x + mlp(LN(x)) with causal multi-head attention and a GELU MLP, final LayerNorm, untied head;
cross-entropy over the next tokens.

GELU is the tanh approximation (NumPy has no erf; the JS peers use it too), nanograd's GELU is the exact erf one.
The query, key and value Dense layers keep their weights side by side in one (C, 3C) matrix, so the three
projections are one matmul. As in nanograd's GPT the head has no bias. Attention runs on (B, H, T, D) arrays with `@`.
"""
import math

import numpy as np

from numpy_common import ParamSet, cross_entropy, train_step

GELU_C = math.sqrt(2 / math.pi)


def layer_norm_forward(x, weight, bias, eps=1e-5):
    """LayerNorm over the last axis of x (rows, C); returns output and cache."""
    centred = x - x.mean(axis=-1, keepdims=True)
    inv_std = 1 / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps)
    normalized = centred * inv_std
    return normalized * weight + bias, (normalized, inv_std)


def layer_norm_backward(d_out, weight, cache, d_weight, d_bias):
    """Writes d weight and d bias; returns d x = inv_std * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))."""
    normalized, inv_std = cache
    d_weight[...] = np.einsum("ij,ij->j", d_out, normalized)
    d_bias[...] = d_out.sum(axis=0)
    d_normalized = d_out * weight
    d_x = d_normalized - d_normalized.mean(axis=-1, keepdims=True)
    d_x -= normalized * (d_normalized * normalized).mean(axis=-1, keepdims=True)
    d_x *= inv_std
    return d_x


def gelu_forward(a):
    """tanh-approximate GELU 0.5 a (1 + tanh(c (a + 0.044715 a^3))); the tanh is kept for the backward."""
    t = np.tanh(GELU_C * (a + 0.044715 * a * a * a))
    return 0.5 * a * (1 + t), t


def gelu_backward(d_out, a, t):
    return d_out * (0.5 * (1 + t) + (0.5 * GELU_C) * a * (1 - t * t) * (1 + 3 * 0.044715 * a * a))


class GPT:
    """The GPT with its parameters in one ParamSet; `step` is forward + backward + Adam, `loss` forward only."""

    def __init__(self, dtype=np.float32, vocab=65, block=32, embed=64, heads=4, layers=4, batch=8, mlp_ratio=4,
                 seed=0):
        self.dtype = np.dtype(dtype)
        self.vocab, self.block, self.embed, self.heads = vocab, block, embed, heads
        self.layers, self.batch = layers, batch
        c, hidden = embed, embed * mlp_ratio
        shapes = {"tok": (vocab, c), "pos": (block, c)}
        for l in range(layers):
            shapes.update({
                f"{l}.ln1.weight": (c,), f"{l}.ln1.bias": (c,),
                f"{l}.qkv.weight": (c, 3 * c), f"{l}.qkv.bias": (3 * c,),
                f"{l}.out.weight": (c, c), f"{l}.out.bias": (c,),
                f"{l}.ln2.weight": (c,), f"{l}.ln2.bias": (c,),
                f"{l}.expand.weight": (c, hidden), f"{l}.expand.bias": (hidden,),
                f"{l}.project.weight": (hidden, c), f"{l}.project.bias": (c,),
            })
        shapes.update({"final.weight": (c,), "final.bias": (c,), "head.weight": (c, vocab)})
        self.params = ParamSet(shapes, self.dtype)
        rng = np.random.default_rng(seed)
        p = self.params
        # nanoGPT's initialisation (normal 0.02, residual projections 0.02/sqrt(2 layers)); it does not change the cost.
        for name in p.names:
            if name.endswith("ln1.weight") or name.endswith("ln2.weight") or name == "final.weight":
                p[name][...] = 1
            elif not name.endswith("bias"):
                std = 0.02 / math.sqrt(2 * layers) if name.endswith(("out.weight", "project.weight")) else 0.02
                p[name][...] = rng.normal(0, std, p[name].shape)
        # Additive causal mask: -inf above the diagonal, so those softmax weights (and their gradients) are exactly 0.
        self.mask = np.triu(np.full((block, block), -np.inf, self.dtype), k=1)
        self.scale = 1 / math.sqrt(embed // heads)

    def forward(self, tokens):
        """tokens (B, T) int -> logits (B*T, vocab) and the cache of the backward pass."""
        p = self.params
        b, t = tokens.shape
        c, heads, d = self.embed, self.heads, self.embed // self.heads
        rows = b * t
        h = (p["tok"][tokens] + p["pos"][:t]).reshape(rows, c)
        caches = []
        for l in range(self.layers):
            n1, ln1 = layer_norm_forward(h, p[f"{l}.ln1.weight"], p[f"{l}.ln1.bias"])
            qkv = (n1 @ p[f"{l}.qkv.weight"] + p[f"{l}.qkv.bias"]).reshape(b, t, 3, heads, d).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0] * self.scale, qkv[1], qkv[2]
            scores = q @ k.swapaxes(-1, -2)
            scores += self.mask[:t, :t]
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores, out=scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            attended = (probs @ v).transpose(0, 2, 1, 3).reshape(rows, c)
            h = h + (attended @ p[f"{l}.out.weight"] + p[f"{l}.out.bias"])
            n2, ln2 = layer_norm_forward(h, p[f"{l}.ln2.weight"], p[f"{l}.ln2.bias"])
            a = n2 @ p[f"{l}.expand.weight"] + p[f"{l}.expand.bias"]
            gelu, tanh = gelu_forward(a)
            h = h + (gelu @ p[f"{l}.project.weight"] + p[f"{l}.project.bias"])
            caches.append((n1, ln1, q, k, v, probs, attended, n2, ln2, a, gelu, tanh))
        final, final_cache = layer_norm_forward(h, p["final.weight"], p["final.bias"])
        return final @ p["head.weight"], (tokens, caches, final, final_cache)

    def loss(self, tokens, targets):
        return cross_entropy(self.forward(tokens)[0], targets.reshape(-1))[0]

    def backward(self, d_logits, cache):
        """Writes every parameter's gradient into self.params.grad."""
        p, g = self.params, self.params.grad
        tokens, caches, final, final_cache = cache
        b, t = tokens.shape
        c, heads, d = self.embed, self.heads, self.embed // self.heads
        rows = b * t
        g["head.weight"][...] = final.T @ d_logits
        d_h = layer_norm_backward(d_logits @ p["head.weight"].T, p["final.weight"], final_cache,
                                  g["final.weight"], g["final.bias"])
        for l in reversed(range(self.layers)):
            n1, ln1, q, k, v, probs, attended, n2, ln2, a, gelu, tanh = caches[l]
            # MLP branch: h += project(gelu(expand(ln2(h)))).
            g[f"{l}.project.weight"][...] = gelu.T @ d_h
            g[f"{l}.project.bias"][...] = d_h.sum(axis=0)
            d_a = gelu_backward(d_h @ p[f"{l}.project.weight"].T, a, tanh)
            g[f"{l}.expand.weight"][...] = n2.T @ d_a
            g[f"{l}.expand.bias"][...] = d_a.sum(axis=0)
            d_h += layer_norm_backward(d_a @ p[f"{l}.expand.weight"].T, p[f"{l}.ln2.weight"], ln2,
                                       g[f"{l}.ln2.weight"], g[f"{l}.ln2.bias"])
            # Attention branch: h += out(softmax(q k^T / sqrt(D) + mask) v), heads on axis 1.
            g[f"{l}.out.weight"][...] = attended.T @ d_h
            g[f"{l}.out.bias"][...] = d_h.sum(axis=0)
            d_attended = (d_h @ p[f"{l}.out.weight"].T).reshape(b, t, heads, d).transpose(0, 2, 1, 3)
            d_v = probs.swapaxes(-1, -2) @ d_attended
            d_scores = d_attended @ v.swapaxes(-1, -2)
            d_scores -= (d_scores * probs).sum(axis=-1, keepdims=True)
            d_scores *= probs
            d_q = (d_scores @ k) * self.scale
            d_k = d_scores.swapaxes(-1, -2) @ q
            d_qkv = np.stack((d_q, d_k, d_v), axis=2).transpose(0, 3, 2, 1, 4).reshape(rows, 3 * c)
            g[f"{l}.qkv.weight"][...] = n1.T @ d_qkv
            g[f"{l}.qkv.bias"][...] = d_qkv.sum(axis=0)
            d_h += layer_norm_backward(d_qkv @ p[f"{l}.qkv.weight"].T, p[f"{l}.ln1.weight"], ln1,
                                       g[f"{l}.ln1.weight"], g[f"{l}.ln1.bias"])
        # Embedding lookups: the token table's gradient is a one-hot matmul (faster than np.add.at).
        one_hot = np.zeros((rows, self.vocab), self.dtype)
        one_hot[np.arange(rows), tokens.reshape(-1)] = 1
        g["tok"][...] = one_hot.T @ d_h
        g["pos"][...] = 0
        g["pos"][:t] = d_h.reshape(b, t, c).sum(axis=0)


def gpt_step():
    """The benchmark workload: batch 8 of 32 tokens (vocab 65) and their next tokens; returns the step closure."""
    model = GPT(np.float32)
    rng = np.random.default_rng(1)
    stream = rng.integers(0, model.vocab, (model.batch, model.block + 1))
    tokens, targets = stream[:, :-1], stream[:, 1:].copy()
    return lambda: float(train_step(model, tokens, targets))
