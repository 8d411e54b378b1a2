// nanoad's MNIST CNN: two conv/batch-norm/ReLU/max-pool stages and one linear layer.
import { BatchNorm2d, Conv2d, Dense, Flatten, MaxPool2d, ReLU, Sequential } from '@nanograd/layer';

/** Conv 1→8 3x3 pad 1, BN, ReLU, MaxPool 2, Conv 8→16 3x3 pad 1, BN, ReLU, MaxPool 2, Flatten, Linear 784→10. */
export function mnistCnn(): Sequential {
  return new Sequential(
    [
      new Conv2d(1, 8, 3, { padding: 1, name: 'conv1' }),
      new BatchNorm2d(8, { name: 'bn1' }),
      new ReLU(),
      new MaxPool2d(2),
      new Conv2d(8, 16, 3, { padding: 1, name: 'conv2' }),
      new BatchNorm2d(16, { name: 'bn2' }),
      new ReLU(),
      new MaxPool2d(2),
      new Flatten(),
      new Dense(784, 10, { name: 'classifier' }),
    ],
    { name: 'mnist-cnn' },
  );
}
