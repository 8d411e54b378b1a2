// A small ResNet for MNIST: a strided stem, one identity residual block and one downsampling block with a projection.
import { BatchNorm2d, Conv2d, Dense, GlobalAvgPool2d, ReLU, Residual, Sequential } from '@nanograd/layer';

/**
 * A basic ResNet block: body Conv 3x3 (stride) → BN → ReLU → Conv 3x3 → BN; ReLU after the sum with the skip path.
 * When the block changes channels or resolution, the skip path is a 1x1 strided Conv + BN (a projection).
 */
export function basicBlock(inChannels: number, outChannels: number, stride: 1 | 2, name: string): Residual {
  const body = new Sequential([
    new Conv2d(inChannels, outChannels, 3, { stride, padding: 1, useBias: false, name: 'conv1' }),
    new BatchNorm2d(outChannels, { name: 'bn1' }),
    new ReLU(),
    new Conv2d(outChannels, outChannels, 3, { padding: 1, useBias: false, name: 'conv2' }),
    new BatchNorm2d(outChannels, { name: 'bn2' }),
  ]);
  const projection =
    stride === 1 && inChannels === outChannels
      ? null
      : new Sequential([new Conv2d(inChannels, outChannels, 1, { stride, useBias: false, name: 'conv' }), new BatchNorm2d(outChannels, { name: 'bn' })]);
  return new Residual(body, { projection, activation: 'relu', name });
}

/**
 * Stem Conv 1→w 3x3 stride 2 pad 1 + BN + ReLU (28x28 → 14x14), an identity block at w channels, a downsampling
 * block w→2w stride 2 with a projection skip (→ 7x7), global average pooling, Dense 2w→10 (logits); w = `width`.
 */
export function resnetMnist(width = 16): Sequential {
  return new Sequential(
    [
      new Conv2d(1, width, 3, { stride: 2, padding: 1, useBias: false, name: 'stem' }),
      new BatchNorm2d(width, { name: 'stem-bn' }),
      new ReLU(),
      basicBlock(width, width, 1, 'block1'),
      basicBlock(width, 2 * width, 2, 'block2'),
      new GlobalAvgPool2d(),
      new Dense(2 * width, 10, { name: 'classifier' }),
    ],
    { name: 'resnet-mnist' },
  );
}
