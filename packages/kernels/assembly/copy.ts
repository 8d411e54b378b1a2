// Strided copies into a dense output: x viewed as (n0, n1, n2) with element strides s0, s1, s2 (any sign; offsets wrap
// in 32-bit address arithmetic), out row-major over the same extents. Bit copies, so one kernel per element size.

/** Copies 4-byte elements (f32 or i32) of x, strided, into dense out. */
export function copy3x4(x: usize, out: usize, n0: i32, s0: i32, n1: i32, s1: i32, n2: i32, s2: i32): void {
  let to = out;
  for (let i0 = 0; i0 < n0; i0++) {
    for (let i1 = 0; i1 < n1; i1++) {
      const from = x + <usize>((i0 * s0 + i1 * s1) << 2);
      if (s2 == 1) {
        memory.copy(to, from, (<usize>n2) << 2);
      } else {
        const step = <usize>(s2 << 2);
        let at = from;
        for (let i2 = 0; i2 < n2; i2++, at += step) store<u32>(to + ((<usize>i2) << 2), load<u32>(at));
      }
      to += (<usize>n2) << 2;
    }
  }
}

/** Copies 8-byte elements (f64) of x, strided, into dense out. */
export function copy3x8(x: usize, out: usize, n0: i32, s0: i32, n1: i32, s1: i32, n2: i32, s2: i32): void {
  let to = out;
  for (let i0 = 0; i0 < n0; i0++) {
    for (let i1 = 0; i1 < n1; i1++) {
      const from = x + <usize>((i0 * s0 + i1 * s1) << 3);
      if (s2 == 1) {
        memory.copy(to, from, (<usize>n2) << 3);
      } else {
        const step = <usize>(s2 << 3);
        let at = from;
        for (let i2 = 0; i2 < n2; i2++, at += step) store<u64>(to + ((<usize>i2) << 3), load<u64>(at));
      }
      to += (<usize>n2) << 3;
    }
  }
}
