import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor } from '../../create';
import { describeOp } from '../../testing/describe-op';
import { refMap } from '../../testing/reference';
import { add } from './add';
import { div } from './div';
import { exp } from './exp';
import { log } from './log';
import { mul } from './mul';
import { neg } from './neg';
import { sub } from './sub';

const binarySamples = [
  { inputs: [[2, 3], [2, 3]] },
  { label: 'broadcast row', inputs: [[4, 3], [3]] },
  { label: 'broadcast both', inputs: [[3, 1], [1, 4]] },
  { label: 'scalar', inputs: [[2, 2], []] },
] as const;
const broadcastError = { label: 'unbroadcastable shapes', inputs: [[2, 3], [4, 3]], message: 'shapes 2x3 and 4x3 cannot be broadcast', type: ShapeError } as const;

describeOp('add', { fn: (a, b) => add(a!, b!), reference: (a, b) => refMap([a!, b!], (x, y) => x + y), samples: binarySamples, errors: [broadcastError] });
describeOp('sub', { fn: (a, b) => sub(a!, b!), reference: (a, b) => refMap([a!, b!], (x, y) => x - y), samples: binarySamples, errors: [broadcastError] });
describeOp('mul', { fn: (a, b) => mul(a!, b!), reference: (a, b) => refMap([a!, b!], (x, y) => x * y), samples: binarySamples, errors: [broadcastError] });
describeOp('div', {
  fn: (a, b) => div(a!, b!),
  reference: (a, b) => refMap([a!, b!], (x, y) => x / y),
  samples: binarySamples.map((sample) => ({ ...sample, domain: [0.5, 2] as const })),
  errors: [broadcastError],
});
describeOp('neg', { fn: (x) => neg(x!), reference: (x) => refMap([x!], (v) => -v), samples: [{ inputs: [[2, 3]] }, { inputs: [[]] }] });
describeOp('exp', {
  fn: (x) => exp(x!),
  reference: (x) => refMap([x!], Math.exp),
  samples: [{ inputs: [[2, 3]] }],
  errors: [{ label: 'integer input', inputs: [() => tensor([1, 2], { dtype: 'i32' })], message: 'needs a float tensor', type: DTypeError }],
});
describeOp('log', { fn: (x) => log(x!), reference: (x) => refMap([x!], Math.log), samples: [{ inputs: [[2, 3]], domain: [0.5, 3] }] });
