// gather / scatterAdd along the middle axis of dense (outer, n, inner) data with a dense (outer, m, inner) i32 index.

/** 1 if every one of `count` i32 at `index` lies in [0, n), else 0 (the JS kernel then reports the bad one). */
export function indicesInRange(index: usize, count: i32, n: i32): i32 {
  // Four at a time: an unsigned compare also rejects negative indices.
  const limit = i32x4.splat(n);
  const vectors = count & ~3;
  let i = 0;
  for (; i < vectors; i += 4) {
    if (!i32x4.all_true(i32x4.lt_u(v128.load(index + ((<usize>i) << 2)), limit))) return 0;
  }
  for (; i < count; i++) {
    if (<u32>load<i32>(index + ((<usize>i) << 2)) >= <u32>n) return 0;
  }
  return 1;
}

function gatherLoop<T>(x: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  const shift = alignof<T>();
  if (inner == 1) {
    // One element per index (max-pool windows, class picks): no inner loop or index arithmetic.
    for (let o = 0; o < outer; o++) {
      const base = x + ((<usize>o * <usize>n) << shift);
      const from = <usize>o * <usize>m;
      for (let j = 0; j < m; j++) {
        const at = from + <usize>j;
        store<T>(out + (at << shift), load<T>(base + ((<usize>load<i32>(index + (at << 2))) << shift)));
      }
    }
    return;
  }
  let position = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * n;
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < inner; i++, position++) {
        const k = load<i32>(index + ((<usize>position) << 2));
        store<T>(out + ((<usize>position) << shift), load<T>(x + ((<usize>((base + k) * inner + i)) << shift)));
      }
    }
  }
}

function scatterAddLoop<T>(updates: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  const shift = alignof<T>();
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const base = out + ((<usize>o * <usize>n) << shift);
      const from = <usize>o * <usize>m;
      for (let j = 0; j < m; j++) {
        const at = from + <usize>j;
        const target = base + ((<usize>load<i32>(index + (at << 2))) << shift);
        store<T>(target, load<T>(target) + load<T>(updates + (at << shift)));
      }
    }
    return;
  }
  let position = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * n;
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < inner; i++, position++) {
        const k = load<i32>(index + ((<usize>position) << 2));
        const at = out + ((<usize>((base + k) * inner + i)) << shift);
        store<T>(at, load<T>(at) + load<T>(updates + ((<usize>position) << shift)));
      }
    }
  }
}

/** out[o, j, i] = x[o, index[o, j, i], i] over dense f32 x (outer, n, inner) and out (outer, m, inner); indices checked. */
export function gatherF32(x: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  gatherLoop<f32>(x, index, out, outer, n, m, inner);
}

/** The f64 twin of gatherF32. */
export function gatherF64(x: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  gatherLoop<f64>(x, index, out, outer, n, m, inner);
}

/** out[o, index[o, j, i], i] += updates[o, j, i] over dense f32 updates (outer, m, inner) and out (outer, n, inner). */
export function scatterAddF32(updates: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  scatterAddLoop<f32>(updates, index, out, outer, n, m, inner);
}

/** The f64 twin of scatterAddF32. */
export function scatterAddF64(updates: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  scatterAddLoop<f64>(updates, index, out, outer, n, m, inner);
}

// Row variants: the index is constant along the inner axes (a broadcast (outer, m) index, as embedding and
// indexSelect build it), so whole rows of `inner` elements move at once.

/** out[o, j, :] = x[o, index[o, j], :] over dense x (outer, n, inner) and out (outer, m, inner); indices checked. */
export function gatherRows(x: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, rowBytes: i32): void {
  let position = 0;
  for (let o = 0; o < outer; o++) {
    const base = x + <usize>o * n * rowBytes;
    for (let j = 0; j < m; j++, position++) {
      const k = load<i32>(index + ((<usize>position) << 2));
      memory.copy(out + <usize>position * rowBytes, base + <usize>k * rowBytes, rowBytes);
    }
  }
}

function scatterAddRowsLoop<T>(updates: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  const shift = alignof<T>();
  const rowBytes = <usize>inner << shift;
  const vectorBytes = rowBytes & ~15;
  let position = 0;
  for (let o = 0; o < outer; o++) {
    const base = out + <usize>o * n * rowBytes;
    for (let j = 0; j < m; j++, position++) {
      const row = base + <usize>load<i32>(index + ((<usize>position) << 2)) * rowBytes;
      const from = updates + <usize>position * rowBytes;
      for (let at: usize = 0; at < vectorBytes; at += 16) {
        const sum = sizeof<T>() == 4 ? f32x4.add(v128.load(row + at), v128.load(from + at)) : f64x2.add(v128.load(row + at), v128.load(from + at));
        v128.store(row + at, sum);
      }
      for (let at = vectorBytes; at < rowBytes; at += sizeof<T>()) store<T>(row + at, load<T>(row + at) + load<T>(from + at));
    }
  }
}

/** out[o, index[o, j], :] += updates[o, j, :] over dense f32 updates (outer, m, inner) and out (outer, n, inner). */
export function scatterAddRowsF32(updates: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  scatterAddRowsLoop<f32>(updates, index, out, outer, n, m, inner);
}

/** The f64 twin of scatterAddRowsF32. */
export function scatterAddRowsF64(updates: usize, index: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  scatterAddRowsLoop<f64>(updates, index, out, outer, n, m, inner);
}
