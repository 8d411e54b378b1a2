// f64 lanes over f32 or f64 arrays for the fused normalisation kernels: f32 elements are promoted on load and rounded
// on store, so they compute in double precision exactly as the JS kernels do. Binaryen inlines these small helpers.

/** Loads two elements at `address` as an f64x2. */
export function loadPair<T>(address: usize): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(address));
  return v128.load(address);
}

/** Stores an f64x2 as two elements at `address`. */
export function storePair<T>(address: usize, value: v128): void {
  if (sizeof<T>() == 4) v128.store64_lane(address, f32x4.demote_f64x2_zero(value), 0);
  else v128.store(address, value);
}

/** Loads one element at `address` as an f64. */
export function loadOne<T>(address: usize): f64 {
  if (sizeof<T>() == 4) return <f64>load<f32>(address);
  return load<f64>(address);
}

/** Stores an f64 as one element at `address`. */
export function storeOne<T>(address: usize, value: f64): void {
  if (sizeof<T>() == 4) store<f32>(address, <f32>value);
  else store<f64>(address, value);
}
