// im2col / col2im over dense NCHW images and (batch, taps, positions) columns with unit position stride, f32 and f64.
// The batch and tap-row strides are arguments, so conv2d can unfold straight into a taps-major (taps, batch, positions)
// layout whose GEMM spans the whole batch.

/** First output index whose tap `o * stride + shift` lies in [0, size). */
function validStart(stride: i32, shift: i32): i32 {
  return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
}

/** One past the last output index (at most `count`) whose tap lies in [0, size). */
function validEnd(count: i32, stride: i32, shift: i32, size: i32): i32 {
  const last = size - 1 - shift;
  if (last < 0) return 0;
  return min<i32>(count, last / stride + 1);
}

/** Stores `value` in `count` elements from `at`. */
function fillValue<T>(at: usize, count: i32, value: T): void {
  const shift = alignof<T>();
  for (let i = 0; i < count; i++) store<T>(at + ((<usize>i) << shift), value);
}

/** Adds `count` elements from `src` into those from `dst`, a 16-byte vector at a time (same sums as scalar adds). */
function accumulate<T>(dst: usize, src: usize, count: i32): void {
  const shift = alignof<T>();
  const lanes = 16 >> shift;
  let i = 0;
  for (; i + lanes <= count; i += lanes) {
    const at = dst + ((<usize>i) << shift);
    const from = src + ((<usize>i) << shift);
    v128.store(at, sizeof<T>() == 4 ? f32x4.add(v128.load(at), v128.load(from)) : f64x2.add(v128.load(at), v128.load(from)));
  }
  for (; i < count; i++) {
    const at = dst + ((<usize>i) << shift);
    store<T>(at, load<T>(at) + load<T>(src + ((<usize>i) << shift)));
  }
}

/** Unfolds one tap of one image plane into its row at `dst` (valid output range [ohStart, ohEnd) x [owStart, owEnd)). */
function unfoldTap<T>(
  plane: usize, dst: usize, width: i32, outHeight: i32, outWidth: i32, strideHeight: i32, strideWidth: i32,
  rowShift: i32, colShift: i32, ohStart: i32, ohEnd: i32, owStart: i32, owEnd: i32, padValue: T,
): void {
  const shift = alignof<T>();
  if (strideHeight == 1 && strideWidth == 1 && owStart == 0 && owEnd == outWidth && outWidth == width) {
    // Whole valid rows of consecutive input rows (1x1 windows, a 3x3 window's centre column): one span copy.
    fillValue<T>(dst, ohStart * outWidth, padValue);
    const source = plane + ((<usize>((ohStart + rowShift) * width + colShift)) << shift);
    memory.copy(dst + ((<usize>(ohStart * outWidth)) << shift), source, (<usize>((ohEnd - ohStart) * outWidth)) << shift);
    fillValue<T>(dst + ((<usize>(ohEnd * outWidth)) << shift), (outHeight - ohEnd) * outWidth, padValue);
    return;
  }
  fillValue<T>(dst, ohStart * outWidth, padValue);
  for (let oh = ohStart; oh < ohEnd; oh++) {
    const row = dst + ((<usize>(oh * outWidth)) << shift);
    const src = plane + ((<usize>((oh * strideHeight + rowShift) * width + colShift)) << shift);
    fillValue<T>(row, owStart, padValue);
    if (strideWidth == 1) {
      memory.copy(row + ((<usize>owStart) << shift), src + ((<usize>owStart) << shift), (<usize>(owEnd - owStart)) << shift);
    } else {
      for (let ow = owStart; ow < owEnd; ow++) {
        store<T>(row + ((<usize>ow) << shift), load<T>(src + ((<usize>(ow * strideWidth)) << shift)));
      }
    }
    fillValue<T>(row + ((<usize>owEnd) << shift), outWidth - owEnd, padValue);
  }
  fillValue<T>(dst + ((<usize>(ohEnd * outWidth)) << shift), (outHeight - ohEnd) * outWidth, padValue);
}

/** Adds one tap row at `src` into its image plane (the adjoint of unfoldTap; padded taps are dropped). */
function foldTap<T>(
  src: usize, plane: usize, width: i32, outWidth: i32, strideHeight: i32, strideWidth: i32,
  rowShift: i32, colShift: i32, ohStart: i32, ohEnd: i32, owStart: i32, owEnd: i32,
): void {
  const shift = alignof<T>();
  if (strideHeight == 1 && strideWidth == 1 && owStart == 0 && owEnd == outWidth && outWidth == width) {
    // Whole valid rows land on consecutive image rows: one span.
    const target = plane + ((<usize>((ohStart + rowShift) * width + colShift)) << shift);
    accumulate<T>(target, src + ((<usize>(ohStart * outWidth)) << shift), (ohEnd - ohStart) * outWidth);
    return;
  }
  for (let oh = ohStart; oh < ohEnd; oh++) {
    const row = src + ((<usize>(oh * outWidth)) << shift);
    const dst = plane + ((<usize>((oh * strideHeight + rowShift) * width + colShift)) << shift);
    if (strideWidth == 1) {
      accumulate<T>(dst + ((<usize>owStart) << shift), row + ((<usize>owStart) << shift), owEnd - owStart);
      continue;
    }
    for (let ow = owStart; ow < owEnd; ow++) {
      const at = dst + ((<usize>(ow * strideWidth)) << shift);
      store<T>(at, load<T>(at) + load<T>(row + ((<usize>ow) << shift)));
    }
  }
}

/** Images unfolded together into taps-major columns: their planes stay in cache while each tap's rows are written. */
const IMAGE_BLOCK: i32 = 16;

// One generic body per element type (`T` is f32 or f64). Batch-major columns are filled image by image; taps-major
// ones tap by tap within blocks of IMAGE_BLOCK images, so the column writes stay sequential and the image reads cached.
function im2colLoop<T>(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, batchStride: i32, rowStride: i32, padValue: T,
): void {
  const shift = alignof<T>();
  const planeSize = height * width;
  const block = rowStride > batchStride ? IMAGE_BLOCK : 1;
  for (let first = 0; first < batch; first += block) {
    const count = min<i32>(block, batch - first);
    let r = 0;
    for (let c = 0; c < channels; c++) {
      for (let ki = 0; ki < kernelHeight; ki++) {
        const rowShift = ki * dilationHeight - padTop;
        const ohStart = min<i32>(outHeight, validStart(strideHeight, rowShift));
        const ohEnd = max<i32>(ohStart, validEnd(outHeight, strideHeight, rowShift, height));
        for (let kj = 0; kj < kernelWidth; kj++, r++) {
          const colShift = kj * dilationWidth - padLeft;
          const owStart = min<i32>(outWidth, validStart(strideWidth, colShift));
          const owEnd = max<i32>(owStart, validEnd(outWidth, strideWidth, colShift, width));
          for (let n = first; n < first + count; n++) {
            const plane = x + ((<usize>((n * channels + c) * planeSize)) << shift);
            const dst = out + ((<usize>(n * batchStride + r * rowStride)) << shift);
            unfoldTap<T>(plane, dst, width, outHeight, outWidth, strideHeight, strideWidth, rowShift, colShift, ohStart, ohEnd, owStart, owEnd, padValue);
          }
        }
      }
    }
  }
}

function col2imLoop<T>(
  columns: usize, x: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, batchStride: i32, rowStride: i32,
): void {
  const shift = alignof<T>();
  const planeSize = height * width;
  memory.fill(x, 0, (<usize>(batch * channels * planeSize)) << shift);
  const block = rowStride > batchStride ? IMAGE_BLOCK : 1;
  for (let first = 0; first < batch; first += block) {
    const count = min<i32>(block, batch - first);
    let r = 0;
    for (let c = 0; c < channels; c++) {
      for (let ki = 0; ki < kernelHeight; ki++) {
        const rowShift = ki * dilationHeight - padTop;
        const ohStart = min<i32>(outHeight, validStart(strideHeight, rowShift));
        const ohEnd = max<i32>(ohStart, validEnd(outHeight, strideHeight, rowShift, height));
        for (let kj = 0; kj < kernelWidth; kj++, r++) {
          const colShift = kj * dilationWidth - padLeft;
          const owStart = min<i32>(outWidth, validStart(strideWidth, colShift));
          const owEnd = max<i32>(owStart, validEnd(outWidth, strideWidth, colShift, width));
          for (let n = first; n < first + count; n++) {
            const plane = x + ((<usize>((n * channels + c) * planeSize)) << shift);
            const src = columns + ((<usize>(n * batchStride + r * rowStride)) << shift);
            foldTap<T>(src, plane, width, outWidth, strideHeight, strideWidth, rowShift, colShift, ohStart, ohEnd, owStart, owEnd);
          }
        }
      }
    }
  }
}

/**
 * Unfolds `batch` dense f32 (channels, height, width) images at `x` into (taps, outHeight * outWidth) column matrices
 * at `out`, writing `padValue` at padded taps; row `r` of image `n` starts `n * batchStride + r * rowStride` elements
 * after `out` (dense: batchStride = taps * outHeight * outWidth, rowStride = outHeight * outWidth).
 */
export function im2colF32(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, batchStride: i32, rowStride: i32, padValue: f32,
): void {
  im2colLoop<f32>(x, out, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth, batchStride, rowStride, padValue);
}

/** The f64 twin of im2colF32. */
export function im2colF64(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, batchStride: i32, rowStride: i32, padValue: f64,
): void {
  im2colLoop<f64>(x, out, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth, batchStride, rowStride, padValue);
}

/**
 * Zeroes the dense f32 images at `x`, then sums the column matrices at `columns` (laid out by batchStride and
 * rowStride as in im2colF32) into them: the adjoint of im2colF32.
 */
export function col2imF32(
  columns: usize, x: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, batchStride: i32, rowStride: i32,
): void {
  col2imLoop<f32>(columns, x, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth, batchStride, rowStride);
}

/** The f64 twin of col2imF32. */
export function col2imF64(
  columns: usize, x: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, batchStride: i32, rowStride: i32,
): void {
  col2imLoop<f64>(columns, x, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth, batchStride, rowStride);
}

/** Sets `bytes` bytes from `address` to zero (the heap's zero-on-allocate). */
export function zeroBytes(address: usize, bytes: usize): void {
  memory.fill(address, 0, bytes);
}
