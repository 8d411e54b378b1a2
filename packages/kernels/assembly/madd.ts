// acc + a * b in f32x4 lanes: one fused multiply-add where relaxed SIMD is enabled (small enough that binaryen always
// inlines it), a multiply and an add otherwise. Shared by the packed GEMM and its dot-product form.
export function maddF32(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, acc);
  return f32x4.add(acc, f32x4.mul(a, b));
}
