// The notebook's MNIST MLP: 784 → 256 → 128 → 10 with ReLU between the layers.
import { Dense, Sequential } from '@nanograd/layer';

/** Dense 784→256 + ReLU, Dense 256→128 + ReLU, Dense 128→10 (logits), on flattened 28x28 images. */
export function mnistMlp(): Sequential {
  return new Sequential(
    [
      new Dense(784, 256, { activation: 'relu', name: 'hidden1' }),
      new Dense(256, 128, { activation: 'relu', name: 'hidden2' }),
      new Dense(128, 10, { name: 'classifier' }),
    ],
    { name: 'mnist-mlp' },
  );
}
