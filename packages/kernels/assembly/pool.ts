// Max-pooling winners: for each window of strided (batch, channels, height, width) images, the flat index h * width + w
// of its first maximum in its plane, into dense i32 (batch, channels, outHeight * outWidth). Padded taps are skipped;
// strict comparisons keep the first of equal values and the first NaN wins outright (as argReduce). The JS glue
// checks that every window holds an input element. Strides are in elements and may be zero or negative.
// f32 compares four neighbouring windows at once (f32x4), tap by tap, where no tap of theirs is in the side padding
// (random data makes a per-window compare branch mispredict about once per window); f64 and the edges run scalar.

/** First tap index k with `start + k * dilation >= 0` (no division for dense windows). */
function firstTap(start: i32, dilation: i32): i32 {
  if (start >= 0) return 0;
  return dilation == 1 ? -start : (-start + dilation - 1) / dilation;
}

/** One past the last tap index k (at most `kernelSize`) with `start + k * dilation < size`. */
function endTap(start: i32, dilation: i32, size: i32, kernelSize: i32): i32 {
  if (start + (kernelSize - 1) * dilation < size) return kernelSize;
  return dilation == 1 ? size - start : (size - 1 - start) / dilation + 1;
}

/** Flat index of the winner of one window: taps ki in [kiFirst, kiEnd), kj in [kjFirst, kjEnd), rows from `top`. */
function windowWinner<T>(
  x: usize, plane: i32, width: i32, top: i32, left: i32, kiFirst: i32, kiEnd: i32, kjFirst: i32, kjEnd: i32,
  dilationHeight: i32, dilationWidth: i32, rowStride: i32, colStride: i32,
): i32 {
  const shift = alignof<T>();
  let h = top + kiFirst * dilationHeight;
  const wFirst = left + kjFirst * dilationWidth;
  let best = load<T>(x + ((<usize>(plane + h * rowStride + wFirst * colStride)) << shift));
  let bestIndex = h * width + wFirst;
  if (best != best) return bestIndex;
  for (let ki = kiFirst; ki < kiEnd; ki++, h += dilationHeight) {
    const row = plane + h * rowStride;
    let w = wFirst;
    for (let kj = kjFirst; kj < kjEnd; kj++, w += dilationWidth) {
      const v = load<T>(x + ((<usize>(row + w * colStride)) << shift));
      if (v > best) {
        best = v;
        bestIndex = h * width + w;
      } else if (v != v) {
        return h * width + w;
      }
    }
  }
  return bestIndex;
}

/**
 * Winners of the f32 windows at output columns [start, end) of one output row (end - start >= 4, every tap inside the
 * row), four at a time, at `o`; the last four end at `end` (recomputing a few windows is harmless). Taps go in window
 * order, so ties and NaN resolve as in windowWinner. One call per row: a call per four windows costs as much as them.
 */
function vectorRowF32(
  x: usize, o: usize, plane: i32, width: i32, top: i32, start: i32, end: i32, kiFirst: i32, kiEnd: i32, kernelWidth: i32,
  strideWidth: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32, rowStride: i32, colStride: i32,
): void {
  const laneOffsets = i32x4(0, strideWidth, 2 * strideWidth, 3 * strideWidth);
  const step = strideWidth * colStride;
  // 1x2-wide, stride-2 windows over dense rows: one pair of loads per window row, split into left and right columns.
  const pairs = kernelWidth == 2 && strideWidth == 2 && dilationWidth == 1 && colStride == 1;
  let ow = start;
  for (;;) {
    if (ow + 4 > end) ow = end - 4;
    const left = ow * strideWidth - padLeft;
    const at = o + ((<usize>(ow - start)) << 2);
    let h = top + kiFirst * dilationHeight;
    // Starting from -Infinity with the first tap's indices is the same as starting from the first tap.
    let best = f32x4.splat(-Infinity);
    let bestIndex = i32x4.add(i32x4.splat(h * width + left), laneOffsets);
    // The pair loads read one column past the fourth window: only while that stays in the row.
    if (pairs && left + 7 < width && kiEnd - kiFirst == 2) {
      // Two window rows (2x2 pooling): written out, with the first row's left column as the start.
      const from0 = x + ((<usize>(plane + h * rowStride + left)) << 2);
      const from1 = x + ((<usize>(plane + (h + dilationHeight) * rowStride + left)) << 2);
      const a0 = v128.load(from0);
      const b0 = v128.load(from0, 16);
      const a1 = v128.load(from1);
      const b1 = v128.load(from1, 16);
      const index0 = bestIndex;
      const index1 = i32x4.add(index0, i32x4.splat(dilationHeight * width));
      best = v128.shuffle<f32>(a0, b0, 0, 2, 4, 6);
      const odd0 = v128.shuffle<f32>(a0, b0, 1, 3, 5, 7);
      const even1 = v128.shuffle<f32>(a1, b1, 0, 2, 4, 6);
      const odd1 = v128.shuffle<f32>(a1, b1, 1, 3, 5, 7);
      let take = v128.or(f32x4.gt(odd0, best), v128.andnot(f32x4.ne(odd0, odd0), f32x4.ne(best, best)));
      best = v128.bitselect(odd0, best, take);
      bestIndex = v128.bitselect(i32x4.add(index0, i32x4.splat(1)), bestIndex, take);
      take = v128.or(f32x4.gt(even1, best), v128.andnot(f32x4.ne(even1, even1), f32x4.ne(best, best)));
      best = v128.bitselect(even1, best, take);
      bestIndex = v128.bitselect(index1, bestIndex, take);
      take = v128.or(f32x4.gt(odd1, best), v128.andnot(f32x4.ne(odd1, odd1), f32x4.ne(best, best)));
      bestIndex = v128.bitselect(i32x4.add(index1, i32x4.splat(1)), bestIndex, take);
    } else if (pairs && left + 7 < width) {
      for (let ki = kiFirst; ki < kiEnd; ki++, h += dilationHeight) {
        const from = x + ((<usize>(plane + h * rowStride + left)) << 2);
        const a = v128.load(from);
        const b = v128.load(from, 16);
        const even = v128.shuffle<f32>(a, b, 0, 2, 4, 6);
        const odd = v128.shuffle<f32>(a, b, 1, 3, 5, 7);
        const index = i32x4.add(i32x4.splat(h * width + left), laneOffsets);
        let take = v128.or(f32x4.gt(even, best), v128.andnot(f32x4.ne(even, even), f32x4.ne(best, best)));
        best = v128.bitselect(even, best, take);
        bestIndex = v128.bitselect(index, bestIndex, take);
        take = v128.or(f32x4.gt(odd, best), v128.andnot(f32x4.ne(odd, odd), f32x4.ne(best, best)));
        best = v128.bitselect(odd, best, take);
        bestIndex = v128.bitselect(i32x4.add(index, i32x4.splat(1)), bestIndex, take);
      }
    } else {
      for (let ki = kiFirst; ki < kiEnd; ki++, h += dilationHeight) {
        const row = plane + h * rowStride;
        let w = left;
        for (let kj = 0; kj < kernelWidth; kj++, w += dilationWidth) {
          let v: v128;
          if (colStride == 1 && strideWidth == 1) {
            v = v128.load(x + ((<usize>(row + w)) << 2));
          } else {
            const first = row + w * colStride;
            v = f32x4.splat(load<f32>(x + ((<usize>first) << 2)));
            v = f32x4.replace_lane(v, 1, load<f32>(x + ((<usize>(first + step)) << 2)));
            v = f32x4.replace_lane(v, 2, load<f32>(x + ((<usize>(first + 2 * step)) << 2)));
            v = f32x4.replace_lane(v, 3, load<f32>(x + ((<usize>(first + 3 * step)) << 2)));
          }
          const take = v128.or(f32x4.gt(v, best), v128.andnot(f32x4.ne(v, v), f32x4.ne(best, best)));
          best = v128.bitselect(v, best, take);
          bestIndex = v128.bitselect(i32x4.add(i32x4.splat(h * width + w), laneOffsets), bestIndex, take);
        }
      }
    }
    v128.store(at, bestIndex);
    ow += 4;
    if (ow >= end) break;
  }
}

function maxPoolIndexLoop<T>(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, batchStride: i32, channelStride: i32, rowStride: i32, colStride: i32,
): void {
  // Output columns [interiorStart, interiorEnd) have every tap inside the row; f32 takes them four at a time, the last
  // four ending at interiorEnd (recomputing a few windows is harmless), so only the side-padded edges run scalar.
  const interiorStart = min<i32>(outWidth, (padLeft + strideWidth - 1) / strideWidth);
  const lastTap = (kernelWidth - 1) * dilationWidth - padLeft;
  const interiorEnd = max<i32>(interiorStart, width - 1 - lastTap < 0 ? 0 : min<i32>(outWidth, (width - 1 - lastTap) / strideWidth + 1));
  const vector = sizeof<T>() == 4 && interiorEnd - interiorStart >= 4;
  let o: usize = out;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const plane = n * batchStride + c * channelStride;
      for (let oh = 0; oh < outHeight; oh++) {
        const top = oh * strideHeight - padTop;
        const kiFirst = firstTap(top, dilationHeight);
        const kiEnd = endTap(top, dilationHeight, height, kernelHeight);
        let ow = 0;
        if (vector) {
          for (; ow < interiorStart; ow++, o += 4) {
            const left = ow * strideWidth - padLeft;
            store<i32>(o, windowWinner<T>(
              x, plane, width, top, left, kiFirst, kiEnd, firstTap(left, dilationWidth), endTap(left, dilationWidth, width, kernelWidth),
              dilationHeight, dilationWidth, rowStride, colStride,
            ));
          }
          vectorRowF32(
            x, o, plane, width, top, ow, interiorEnd, kiFirst, kiEnd, kernelWidth, strideWidth, padLeft,
            dilationHeight, dilationWidth, rowStride, colStride,
          );
          o += (<usize>(interiorEnd - ow)) << 2;
          ow = interiorEnd;
        }
        for (; ow < outWidth; ow++, o += 4) {
          const left = ow * strideWidth - padLeft;
          store<i32>(o, windowWinner<T>(
            x, plane, width, top, left, kiFirst, kiEnd, firstTap(left, dilationWidth), endTap(left, dilationWidth, width, kernelWidth),
            dilationHeight, dilationWidth, rowStride, colStride,
          ));
        }
      }
    }
  }
}

/**
 * Max-pooling winners of f32 images at `x` (address of element [0, 0, 0, 0], strides in elements) into dense i32 at
 * `out`; the geometry as in im2colF32.
 */
export function maxPoolIndexF32(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, batchStride: i32, channelStride: i32, rowStride: i32, colStride: i32,
): void {
  maxPoolIndexLoop<f32>(x, out, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth, batchStride, channelStride, rowStride, colStride);
}

/** The f64 twin of maxPoolIndexF32 (scalar throughout). */
export function maxPoolIndexF64(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, batchStride: i32, channelStride: i32, rowStride: i32, colStride: i32,
): void {
  maxPoolIndexLoop<f64>(x, out, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth, batchStride, channelStride, rowStride, colStride);
}
