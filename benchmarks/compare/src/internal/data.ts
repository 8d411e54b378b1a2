// Seeded input data shared by the JS runners, so every library sees the same numbers.

/** mulberry32: a tiny, fast, seedable 32-bit generator. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` standard-normal f32 values (Box–Muller), reproducible from `seed`. */
export function normalF32(size: number, seed: number, scale = 1): Float32Array {
  const next = generator(seed);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    out[i] = scale * radius * Math.cos(angle);
    if (i + 1 < size) out[i + 1] = scale * radius * Math.sin(angle);
  }
  return out;
}

/** `size` integers in `[0, high)`, reproducible from `seed`. */
export function integersI32(size: number, high: number, seed: number): Int32Array {
  const next = generator(seed);
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) out[i] = Math.floor(next() * high);
  return out;
}
