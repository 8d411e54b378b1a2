import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '../backend';
import { ShapeError } from '../errors';
import { convOutputSize } from './conv-output-size';

const BASE: ConvGeometry = {
  channels: 1,
  height: 28,
  width: 28,
  kernelHeight: 5,
  kernelWidth: 5,
  strideHeight: 2,
  strideWidth: 2,
  padTop: 0,
  padBottom: 0,
  padLeft: 0,
  padRight: 0,
  dilationHeight: 1,
  dilationWidth: 1,
};

describe('convOutputSize', () => {
  it('applies floor((size + pads - dilation * (kernel - 1) - 1) / stride) + 1 per axis', () => {
    expect(convOutputSize(BASE)).toEqual({ outHeight: 12, outWidth: 12 });
    const pads = { padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 };
    const same = { ...BASE, ...pads, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1 };
    expect(convOutputSize(same)).toEqual({ outHeight: 28, outWidth: 28 });
    // Asymmetric padding and dilation: height (7 + 2 + 0 - 2 * 2 - 1) / 1 + 1 = 5;
    // width floor((5 + 0 + 3 - 3 * 1 - 1) / 3) + 1 = 2.
    const odd = { ...BASE, height: 7, width: 5, kernelHeight: 3, kernelWidth: 2, strideHeight: 1, strideWidth: 3 };
    const dilated = { ...odd, padTop: 2, padRight: 3, dilationHeight: 2, dilationWidth: 3 };
    expect(convOutputSize(dilated)).toEqual({ outHeight: 5, outWidth: 2 });
    // A window exactly as large as the padded input fits once.
    const tight = { ...BASE, height: 3, width: 1, kernelHeight: 4, kernelWidth: 1, padBottom: 1 };
    expect(convOutputSize(tight)).toEqual({ outHeight: 1, outWidth: 1 });
  });

  it('rejects a window larger than the padded input, naming the caller', () => {
    const small = { ...BASE, height: 3, width: 3, strideHeight: 1, strideWidth: 1 };
    expect(() => convOutputSize(small, 'im2col')).toThrow(
      'im2col: window 5x5 (dilation 1x1) does not fit input 3x3 with padding 0,0,0,0',
    );
    const wide = { ...small, kernelHeight: 2, kernelWidth: 2, dilationWidth: 4, padLeft: 1 };
    expect(() => convOutputSize(wide)).toThrow(
      'convOutputSize: window 2x2 (dilation 1x4) does not fit input 3x3 with padding 0,0,1,0',
    );
    expect(() => convOutputSize({ ...small, kernelHeight: 4, kernelWidth: 1 })).toThrow(ShapeError);
  });

  it('rejects non-integer, zero or negative fields with ShapeError', () => {
    const positive = [
      'channels',
      'height',
      'width',
      'kernelHeight',
      'kernelWidth',
      'strideHeight',
      'strideWidth',
      'dilationHeight',
      'dilationWidth',
    ] as const;
    for (const field of positive) {
      for (const value of [0, -1, 1.5, NaN]) {
        expect(() => convOutputSize({ ...BASE, [field]: value }, 'conv2d')).toThrow(
          new RegExp(`^conv2d: ${field} must be a positive integer`),
        );
      }
    }
    for (const field of ['padTop', 'padBottom', 'padLeft', 'padRight'] as const) {
      expect(convOutputSize({ ...BASE, [field]: 2 }).outHeight).toBeGreaterThan(0);
      for (const value of [-1, 0.5]) {
        expect(() => convOutputSize({ ...BASE, [field]: value })).toThrow(ShapeError);
        expect(() => convOutputSize({ ...BASE, [field]: value })).toThrow(
          new RegExp(`^convOutputSize: ${field} must be a non-negative integer`),
        );
      }
    }
  });
});
