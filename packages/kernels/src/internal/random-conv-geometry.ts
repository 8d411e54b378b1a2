// Random convolution geometries for the conv kernels' tests (small sizes, padding, strides and dilations).
import type { ConvGeometry } from '../backend';
import type { Random } from '../random';

/**
 * Draws geometries until one's dilated window fits the padded input and `accept` (default: any) holds; padding is
 * drawn from [0, paddingLimit).
 */
export function randomConvGeometry(random: Random, paddingLimit: number, accept: (g: ConvGeometry) => boolean = () => true): ConvGeometry {
  for (;;) {
    const g: ConvGeometry = {
      channels: 1 + random.integer(3),
      height: 1 + random.integer(7),
      width: 1 + random.integer(7),
      kernelHeight: 1 + random.integer(4),
      kernelWidth: 1 + random.integer(4),
      strideHeight: 1 + random.integer(3),
      strideWidth: 1 + random.integer(3),
      padTop: random.integer(paddingLimit),
      padBottom: random.integer(paddingLimit),
      padLeft: random.integer(paddingLimit),
      padRight: random.integer(paddingLimit),
      dilationHeight: 1 + random.integer(2),
      dilationWidth: 1 + random.integer(2),
    };
    const fitsHeight = g.dilationHeight * (g.kernelHeight - 1) < g.height + g.padTop + g.padBottom;
    const fitsWidth = g.dilationWidth * (g.kernelWidth - 1) < g.width + g.padLeft + g.padRight;
    if (fitsHeight && fitsWidth && accept(g)) return g;
  }
}
