// im2col / col2im over dense NCHW images and dense (batch, taps, positions) column matrices, f32 and f64.

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

// One generic body per element type; `T` is f32 or f64 and `SHIFT` its log2 byte size.
function im2colLoop<T>(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, padValue: T,
): void {
  const shift = alignof<T>();
  const planeSize = height * width;
  const outSize = outHeight * outWidth;
  let dst = out;
  let image = x;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const plane = image + ((<usize>(c * planeSize)) << shift);
      for (let ki = 0; ki < kernelHeight; ki++) {
        const rowShift = ki * dilationHeight - padTop;
        const ohStart = min<i32>(outHeight, validStart(strideHeight, rowShift));
        const ohEnd = max<i32>(ohStart, validEnd(outHeight, strideHeight, rowShift, height));
        for (let kj = 0; kj < kernelWidth; kj++) {
          const colShift = kj * dilationWidth - padLeft;
          const owStart = min<i32>(outWidth, validStart(strideWidth, colShift));
          const owEnd = max<i32>(owStart, validEnd(outWidth, strideWidth, colShift, width));
          for (let oh = 0; oh < outHeight; oh++) {
            const row = dst + ((<usize>(oh * outWidth)) << shift);
            if (oh < ohStart || oh >= ohEnd) {
              for (let ow = 0; ow < outWidth; ow++) store<T>(row + ((<usize>ow) << shift), padValue);
              continue;
            }
            const src = plane + ((<usize>((oh * strideHeight + rowShift) * width + colShift)) << shift);
            for (let ow = 0; ow < owStart; ow++) store<T>(row + ((<usize>ow) << shift), padValue);
            if (strideWidth == 1) {
              memory.copy(row + ((<usize>owStart) << shift), src + ((<usize>owStart) << shift), (<usize>(owEnd - owStart)) << shift);
            } else {
              for (let ow = owStart; ow < owEnd; ow++) {
                store<T>(row + ((<usize>ow) << shift), load<T>(src + ((<usize>(ow * strideWidth)) << shift)));
              }
            }
            for (let ow = owEnd; ow < outWidth; ow++) store<T>(row + ((<usize>ow) << shift), padValue);
          }
          dst += (<usize>outSize) << shift;
        }
      }
    }
    image += (<usize>(channels * planeSize)) << shift;
  }
}

function col2imLoop<T>(
  columns: usize, x: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32,
): void {
  const shift = alignof<T>();
  const planeSize = height * width;
  const outSize = outHeight * outWidth;
  memory.fill(x, 0, (<usize>(batch * channels * planeSize)) << shift);
  let src = columns;
  let image = x;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const plane = image + ((<usize>(c * planeSize)) << shift);
      for (let ki = 0; ki < kernelHeight; ki++) {
        const rowShift = ki * dilationHeight - padTop;
        const ohStart = min<i32>(outHeight, validStart(strideHeight, rowShift));
        const ohEnd = max<i32>(ohStart, validEnd(outHeight, strideHeight, rowShift, height));
        for (let kj = 0; kj < kernelWidth; kj++) {
          const colShift = kj * dilationWidth - padLeft;
          const owStart = min<i32>(outWidth, validStart(strideWidth, colShift));
          const owEnd = max<i32>(owStart, validEnd(outWidth, strideWidth, colShift, width));
          for (let oh = ohStart; oh < ohEnd; oh++) {
            const row = src + ((<usize>(oh * outWidth)) << shift);
            const dst = plane + ((<usize>((oh * strideHeight + rowShift) * width + colShift)) << shift);
            for (let ow = owStart; ow < owEnd; ow++) {
              const at = dst + ((<usize>(ow * strideWidth)) << shift);
              store<T>(at, load<T>(at) + load<T>(row + ((<usize>ow) << shift)));
            }
          }
          src += (<usize>outSize) << shift;
        }
      }
    }
    image += (<usize>(channels * planeSize)) << shift;
  }
}

/**
 * Unfolds `batch` dense f32 (channels, height, width) images at `x` into dense (taps, outHeight * outWidth) column
 * matrices at `out`, writing `padValue` at padded taps.
 */
export function im2colF32(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, padValue: f32,
): void {
  im2colLoop<f32>(x, out, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth, padValue);
}

/** The f64 twin of im2colF32. */
export function im2colF64(
  x: usize, out: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32, padValue: f64,
): void {
  im2colLoop<f64>(x, out, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth, padValue);
}

/** Zeroes the dense f32 images at `x`, then sums the column matrices at `columns` into them (adjoint of im2colF32). */
export function col2imF32(
  columns: usize, x: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32,
): void {
  col2imLoop<f32>(columns, x, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth);
}

/** The f64 twin of col2imF32. */
export function col2imF64(
  columns: usize, x: usize, batch: i32, channels: i32, height: i32, width: i32, kernelHeight: i32, kernelWidth: i32,
  strideHeight: i32, strideWidth: i32, padTop: i32, padLeft: i32, dilationHeight: i32, dilationWidth: i32,
  outHeight: i32, outWidth: i32,
): void {
  col2imLoop<f64>(columns, x, batch, channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
    dilationHeight, dilationWidth, outHeight, outWidth);
}

/** Sets `bytes` bytes from `address` to zero (the heap's zero-on-allocate). */
export function zeroBytes(address: usize, bytes: usize): void {
  memory.fill(address, 0, bytes);
}
