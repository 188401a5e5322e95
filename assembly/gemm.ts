// WebAssembly SIMD kernels for gradlab's matrix products (compiled by AssemblyScript at build time).
//
// C = op(A)·op(B) is computed in three steps: the caller copies A and B into this module's memory,
// pack* rearranges them into zero-padded panels (A in panels of 4 rows; B in panels of 8 columns for
// f32, 4 for f64), and gemm* multiplies the panels with a register tile that keeps the whole 4×8 (f32)
// or 4×4 (f64) block of C in vector registers across the k loop. Padding means the inner kernel has no
// edge cases; the caller reads back the valid [m × n] part of the padded C.
//
// Every function also takes the leading dimension (row stride, in elements) of what it reads or
// writes, so that two threads sharing one memory can each pack and multiply a block of rows or
// columns in place (src/kernels/wasm/sharedGemm.ts) with the same arithmetic as the whole product.

/** Where free memory starts (after AssemblyScript's static data). */
export function heapBase(): usize {
  return __heap_base;
}

// ---- packing (element size 4 or 8 bytes) ----

// A panel layout: for each block of R rows, for p in 0..k: the R values A[i0 + r, p] (0 past m),
// each repeated to fill a vector.
// A is m×k row-major (row stride ld), or stored transposed (k×m, row stride ld) when transposed = true.
// Each value is stored `copies` times (a whole vector), so that the kernel loads a broadcast vector
// directly instead of extracting and splatting a lane.
@inline
function packRows<T>(src: usize, dst: usize, m: i32, k: i32, transposed: bool, ld: i32, R: i32, copies: i32): void {
  const size = sizeof<T>();
  const blocks = (m + R - 1) / R;
  let out = dst;
  for (let b = 0; b < blocks; b++) {
    const i0 = b * R;
    for (let p = 0; p < k; p++) {
      for (let r = 0; r < R; r++) {
        const i = i0 + r;
        let v: T = <T>0;
        if (i < m) v = transposed ? load<T>(src + <usize>(p * ld + i) * size) : load<T>(src + <usize>(i * ld + p) * size);
        for (let q = 0; q < copies; q++) {
          store<T>(out, v);
          out += size;
        }
      }
    }
  }
}

// B panel layout: for each block of W columns, for p in 0..k: the W values B[p, j0 + c] (0 past n).
// B is k×n row-major (row stride ld), or stored transposed (n×k, row stride ld) when transposed = true.
@inline
function packCols<T>(src: usize, dst: usize, k: i32, n: i32, transposed: bool, ld: i32, W: i32): void {
  const size = sizeof<T>();
  const blocks = (n + W - 1) / W;
  let out = dst;
  for (let b = 0; b < blocks; b++) {
    const j0 = b * W;
    for (let p = 0; p < k; p++) {
      for (let c = 0; c < W; c++) {
        const j = j0 + c;
        let v: T = <T>0;
        if (j < n) v = transposed ? load<T>(src + <usize>(j * ld + p) * size) : load<T>(src + <usize>(p * ld + j) * size);
        store<T>(out, v);
        out += size;
      }
    }
  }
}

export function packA32(src: usize, dst: usize, m: i32, k: i32, transposed: bool, ld: i32): void {
  packRows<f32>(src, dst, m, k, transposed, ld, 4, 4);
}
export function packB32(src: usize, dst: usize, k: i32, n: i32, transposed: bool, ld: i32): void {
  packCols<f32>(src, dst, k, n, transposed, ld, 8);
}
export function packA64(src: usize, dst: usize, m: i32, k: i32, transposed: bool, ld: i32): void {
  packRows<f64>(src, dst, m, k, transposed, ld, 4, 2);
}
export function packB64(src: usize, dst: usize, k: i32, n: i32, transposed: bool, ld: i32): void {
  packCols<f64>(src, dst, k, n, transposed, ld, 4);
}

// ---- f32: 4×8 register tile ----
// C_pad [M4 × N8] (row stride ldc ≥ N8) = A_packed · B_packed.
export function gemm32(pa: usize, pb: usize, pc: usize, m: i32, k: i32, n: i32, ldc: i32): void {
  const M4 = (m + 3) & ~3;
  const N8 = (n + 7) & ~7;
  const rowBytes = <usize>ldc << 2;
  for (let i = 0; i < M4; i += 4) {
    const aPanel = pa + (<usize>(i * k) << 4);
    for (let j = 0; j < N8; j += 8) {
      let bp = pb + (<usize>(j * k) << 2);
      let ap = aPanel;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const a0 = v128.load(ap);
        const a1 = v128.load(ap, 16);
        const a2 = v128.load(ap, 32);
        const a3 = v128.load(ap, 48);
        c00 = f32x4.add(c00, f32x4.mul(a0, b0));
        c01 = f32x4.add(c01, f32x4.mul(a0, b1));
        c10 = f32x4.add(c10, f32x4.mul(a1, b0));
        c11 = f32x4.add(c11, f32x4.mul(a1, b1));
        c20 = f32x4.add(c20, f32x4.mul(a2, b0));
        c21 = f32x4.add(c21, f32x4.mul(a2, b1));
        c30 = f32x4.add(c30, f32x4.mul(a3, b0));
        c31 = f32x4.add(c31, f32x4.mul(a3, b1));
        bp += 32;
        ap += 64;
      }
      const cp = pc + <usize>i * rowBytes + (<usize>j << 2);
      v128.store(cp, c00);
      v128.store(cp, c01, 16);
      v128.store(cp + rowBytes, c10);
      v128.store(cp + rowBytes, c11, 16);
      v128.store(cp + 2 * rowBytes, c20);
      v128.store(cp + 2 * rowBytes, c21, 16);
      v128.store(cp + 3 * rowBytes, c30);
      v128.store(cp + 3 * rowBytes, c31, 16);
    }
  }
}

// ---- f64: 4×4 register tile ----
// C_pad [M4 × N4] (row stride ldc ≥ N4) = A_packed · B_packed.
export function gemm64(pa: usize, pb: usize, pc: usize, m: i32, k: i32, n: i32, ldc: i32): void {
  const M4 = (m + 3) & ~3;
  const N4 = (n + 3) & ~3;
  const rowBytes = <usize>ldc << 3;
  for (let i = 0; i < M4; i += 4) {
    const aPanel = pa + (<usize>(i * k) << 4);
    for (let j = 0; j < N4; j += 4) {
      let bp = pb + (<usize>(j * k) << 3);
      let ap = aPanel;
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
      let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
      let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const a0 = v128.load(ap);
        const a1 = v128.load(ap, 16);
        const a2 = v128.load(ap, 32);
        const a3 = v128.load(ap, 48);
        c00 = f64x2.add(c00, f64x2.mul(a0, b0));
        c01 = f64x2.add(c01, f64x2.mul(a0, b1));
        c10 = f64x2.add(c10, f64x2.mul(a1, b0));
        c11 = f64x2.add(c11, f64x2.mul(a1, b1));
        c20 = f64x2.add(c20, f64x2.mul(a2, b0));
        c21 = f64x2.add(c21, f64x2.mul(a2, b1));
        c30 = f64x2.add(c30, f64x2.mul(a3, b0));
        c31 = f64x2.add(c31, f64x2.mul(a3, b1));
        bp += 32;
        ap += 64;
      }
      const cp = pc + <usize>i * rowBytes + (<usize>j << 3);
      v128.store(cp, c00);
      v128.store(cp, c01, 16);
      v128.store(cp + rowBytes, c10);
      v128.store(cp + rowBytes, c11, 16);
      v128.store(cp + 2 * rowBytes, c20);
      v128.store(cp + 2 * rowBytes, c21, 16);
      v128.store(cp + 3 * rowBytes, c30);
      v128.store(cp + 3 * rowBytes, c31, 16);
    }
  }
}
