import { describe, expect, it } from 'vitest';
import { LAYOUT_KINDS, randomArray, randomLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { Random } from '../random';
import { fillStrided } from './fill-strided';

describe('fillStrided', () => {
  it('writes exactly the view elements on every layout', () => {
    const random = new Random(3);
    for (const shape of [[], [0], [1], [9], [3, 4], [2, 1, 5], [3, 0], [2, 3, 2, 3], [200]]) {
      for (const kind of LAYOUT_KINDS) {
        const layout = randomLayout(random, shape, kind === 'broadcast' ? 'gapped' : kind, false);
        const out = randomArray(random, random.uniform() < 0.5 ? 'f32' : 'i32', layout.length);
        const expected = out.slice();
        forEachIndex(shape, (index) => (expected[offsetOf(index, layout.strides, layout.offset)] = 3));
        fillStrided(shape, out, layout.strides, layout.offset, 3);
        expect(describeMismatch(out, expected), `${kind} ${shape.join('x')}`).toBeNull();
      }
    }
  });

  it('rejects a view past the end of its buffer', () => {
    expect(() => fillStrided([4], new Float32Array(4), [1], 1, 0)).toThrow(/^fillStrided: out/);
  });
});
