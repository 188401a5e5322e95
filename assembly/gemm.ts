// WebAssembly SIMD kernels for gradlab's matrix products (compiled by AssemblyScript at build time).
//
// C = op(A)·op(B) is computed in three steps: the caller copies A and B into this module's memory,
// pack* rearranges them into zero-padded panels (A in panels of 4 rows; B in panels of 8 columns for
// f32, 4 for f64), and gemm* multiplies the panels with a register tile that keeps the whole 4×8 (f32)
// or 4×4 (f64) block of C in vector registers across the k loop. Padding means the inner kernel has no
// edge cases; the caller reads back the valid [m × n] part of the padded C. The kernels write C only
// with final values (never partial sums): two threads may compute the same block at once
// (src/kernels/wasm/sharedGemm.ts), which is harmless only because each writes the same bits.
//
// The epilogue (0: none; 1: + bias[j]; 2: then max(·, 0)) is applied to the register tile before it is
// stored, so C still only receives final values. Vector add is correctly rounded (as JavaScript's add of
// two floats rounded to float) and max keeps NaN and maps −0 to 0 (as Math.max(x, 0)): the same bits as
// the JavaScript passes it replaces. bias holds the padded n values (zeros past n).
//
// Every function also takes the leading dimension (row stride, in elements) of what it reads or
// writes, so that two threads sharing one memory can each pack and multiply a block of rows or
// columns in place (src/kernels/wasm/sharedGemm.ts) with the same arithmetic as the whole product.

/** Where free memory starts (after AssemblyScript's static data). */
export function heapBase(): usize {
  return __heap_base;
}

// ---- packing (element size 4 or 8 bytes) ----

// A panel layout: for each block of R rows, for p in 0..k: the R values A[i0 + r, p] (0 past m).
// A is m×k row-major (row stride ld), or stored transposed (k×m, row stride ld) when transposed = true.
// Each value is stored once and broadcast by the kernel (v128.load32_splat / load64_splat): as fast as
// loading a pre-broadcast vector, with a panel 4 (f32) or 2 (f64) times smaller to pack and to stream.
@inline
function packRows<T>(src: usize, dst: usize, m: i32, k: i32, transposed: bool, ld: i32, R: i32): void {
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
        store<T>(out, v);
        out += size;
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

// The exported packers move whole blocks (4 rows of A, 8 or 4 columns of B) with vector loads, lane
// shuffles and vector stores, 4 (f32) or 2 (f64) steps of p at a time; the last partial block and the
// last steps of p go through the scalar code above, which pads with zeros. Same values, same places.

export function packA32(src: usize, dst: usize, m: i32, k: i32, transposed: bool, ld: i32): void {
  const full = m & ~3;
  for (let i0 = 0; i0 < full; i0 += 4) {
    let out = dst + (<usize>(i0 * k) << 2);
    let p = 0;
    if (transposed) {
      // A[p, i0…i0+3] are adjacent: one load, one store.
      for (; p < k; p++) {
        v128.store(out, v128.load(src + (<usize>(p * ld + i0) << 2)));
        out += 16;
      }
      continue;
    }
    // Rows i0…i0+3, 4 steps of p at a time: one 4×4 transpose.
    const r0 = src + (<usize>(i0 * ld) << 2);
    const stride = <usize>ld << 2;
    for (; p + 4 <= k; p += 4) {
      const at = r0 + (<usize>p << 2);
      const v0 = v128.load(at);
      const v1 = v128.load(at + stride);
      const v2 = v128.load(at + 2 * stride);
      const v3 = v128.load(at + 3 * stride);
      const t0 = v128.shuffle<f32>(v0, v1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(v0, v1, 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(v2, v3, 0, 4, 1, 5);
      const t3 = v128.shuffle<f32>(v2, v3, 2, 6, 3, 7);
      v128.store(out, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
      v128.store(out, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 16);
      v128.store(out, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 32);
      v128.store(out, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 48);
      out += 64;
    }
    for (; p < k; p++) {
      for (let r = 0; r < 4; r++) store<f32>(out + (<usize>r << 2), load<f32>(r0 + <usize>r * stride + (<usize>p << 2)));
      out += 16;
    }
  }
  if (full < m) {
    const from = transposed ? src + (<usize>full << 2) : src + (<usize>(full * ld) << 2);
    packRows<f32>(from, dst + (<usize>(full * k) << 2), m - full, k, transposed, ld, 4);
  }
}

export function packB32(src: usize, dst: usize, k: i32, n: i32, transposed: bool, ld: i32): void {
  const full = n & ~7;
  for (let j0 = 0; j0 < full; j0 += 8) {
    let out = dst + (<usize>(j0 * k) << 2);
    let p = 0;
    if (!transposed) {
      // B[p, j0…j0+7] are adjacent: two loads, two stores.
      for (; p < k; p++) {
        const from = src + (<usize>(p * ld + j0) << 2);
        v128.store(out, v128.load(from));
        v128.store(out, v128.load(from, 16), 16);
        out += 32;
      }
      continue;
    }
    // Rows j0…j0+7 of the stored Bᵀ, 4 steps of p at a time: two 4×4 transposes.
    const row = src + (<usize>(j0 * ld) << 2);
    const stride = <usize>ld << 2;
    for (; p + 4 <= k; p += 4) {
      const at = row + (<usize>p << 2);
      const x0 = v128.load(at);
      const x1 = v128.load(at + stride);
      const x2 = v128.load(at + 2 * stride);
      const x3 = v128.load(at + 3 * stride);
      const y0 = v128.load(at + 4 * stride);
      const y1 = v128.load(at + 5 * stride);
      const y2 = v128.load(at + 6 * stride);
      const y3 = v128.load(at + 7 * stride);
      const xa = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
      const xb = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
      const xc = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
      const xd = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
      const ya = v128.shuffle<f32>(y0, y1, 0, 4, 1, 5);
      const yb = v128.shuffle<f32>(y0, y1, 2, 6, 3, 7);
      const yc = v128.shuffle<f32>(y2, y3, 0, 4, 1, 5);
      const yd = v128.shuffle<f32>(y2, y3, 2, 6, 3, 7);
      v128.store(out, v128.shuffle<f32>(xa, xc, 0, 1, 4, 5));
      v128.store(out, v128.shuffle<f32>(ya, yc, 0, 1, 4, 5), 16);
      v128.store(out, v128.shuffle<f32>(xa, xc, 2, 3, 6, 7), 32);
      v128.store(out, v128.shuffle<f32>(ya, yc, 2, 3, 6, 7), 48);
      v128.store(out, v128.shuffle<f32>(xb, xd, 0, 1, 4, 5), 64);
      v128.store(out, v128.shuffle<f32>(yb, yd, 0, 1, 4, 5), 80);
      v128.store(out, v128.shuffle<f32>(xb, xd, 2, 3, 6, 7), 96);
      v128.store(out, v128.shuffle<f32>(yb, yd, 2, 3, 6, 7), 112);
      out += 128;
    }
    for (; p < k; p++) {
      for (let c = 0; c < 8; c++) store<f32>(out + (<usize>c << 2), load<f32>(row + <usize>c * stride + (<usize>p << 2)));
      out += 32;
    }
  }
  if (full < n) {
    const from = transposed ? src + (<usize>(full * ld) << 2) : src + (<usize>full << 2);
    packCols<f32>(from, dst + (<usize>(full * k) << 2), k, n - full, transposed, ld, 8);
  }
}

export function packA64(src: usize, dst: usize, m: i32, k: i32, transposed: bool, ld: i32): void {
  const full = m & ~3;
  for (let i0 = 0; i0 < full; i0 += 4) {
    let out = dst + (<usize>(i0 * k) << 3);
    let p = 0;
    if (transposed) {
      // A[p, i0…i0+3] are adjacent: two loads, two stores.
      for (; p < k; p++) {
        const from = src + (<usize>(p * ld + i0) << 3);
        v128.store(out, v128.load(from));
        v128.store(out, v128.load(from, 16), 16);
        out += 32;
      }
      continue;
    }
    const r0 = src + (<usize>(i0 * ld) << 3);
    const stride = <usize>ld << 3;
    for (; p + 2 <= k; p += 2) {
      const at = r0 + (<usize>p << 3);
      const v0 = v128.load(at);
      const v1 = v128.load(at + stride);
      const v2 = v128.load(at + 2 * stride);
      const v3 = v128.load(at + 3 * stride);
      v128.store(out, v128.shuffle<f64>(v0, v1, 0, 2));
      v128.store(out, v128.shuffle<f64>(v2, v3, 0, 2), 16);
      v128.store(out, v128.shuffle<f64>(v0, v1, 1, 3), 32);
      v128.store(out, v128.shuffle<f64>(v2, v3, 1, 3), 48);
      out += 64;
    }
    for (; p < k; p++) {
      for (let r = 0; r < 4; r++) store<f64>(out + (<usize>r << 3), load<f64>(r0 + <usize>r * stride + (<usize>p << 3)));
      out += 32;
    }
  }
  if (full < m) {
    const from = transposed ? src + (<usize>full << 3) : src + (<usize>(full * ld) << 3);
    packRows<f64>(from, dst + (<usize>(full * k) << 3), m - full, k, transposed, ld, 4);
  }
}

export function packB64(src: usize, dst: usize, k: i32, n: i32, transposed: bool, ld: i32): void {
  const full = n & ~3;
  for (let j0 = 0; j0 < full; j0 += 4) {
    let out = dst + (<usize>(j0 * k) << 3);
    let p = 0;
    if (!transposed) {
      for (; p < k; p++) {
        const from = src + (<usize>(p * ld + j0) << 3);
        v128.store(out, v128.load(from));
        v128.store(out, v128.load(from, 16), 16);
        out += 32;
      }
      continue;
    }
    const row = src + (<usize>(j0 * ld) << 3);
    const stride = <usize>ld << 3;
    for (; p + 2 <= k; p += 2) {
      const at = row + (<usize>p << 3);
      const v0 = v128.load(at);
      const v1 = v128.load(at + stride);
      const v2 = v128.load(at + 2 * stride);
      const v3 = v128.load(at + 3 * stride);
      v128.store(out, v128.shuffle<f64>(v0, v1, 0, 2));
      v128.store(out, v128.shuffle<f64>(v2, v3, 0, 2), 16);
      v128.store(out, v128.shuffle<f64>(v0, v1, 1, 3), 32);
      v128.store(out, v128.shuffle<f64>(v2, v3, 1, 3), 48);
      out += 64;
    }
    for (; p < k; p++) {
      for (let c = 0; c < 4; c++) store<f64>(out + (<usize>c << 3), load<f64>(row + <usize>c * stride + (<usize>p << 3)));
      out += 32;
    }
  }
  if (full < n) {
    const from = transposed ? src + (<usize>(full * ld) << 3) : src + (<usize>full << 3);
    packCols<f64>(from, dst + (<usize>(full * k) << 3), k, n - full, transposed, ld, 4);
  }
}

// ---- f32: 4×8 register tile ----
// C_pad [M4 × N8] (row stride ldc ≥ N8) = A_packed · B_packed.
export function gemm32(pa: usize, pb: usize, pc: usize, m: i32, k: i32, n: i32, ldc: i32, bias: usize, epilogue: i32): void {
  const M4 = (m + 3) & ~3;
  const N8 = (n + 7) & ~7;
  const rowBytes = <usize>ldc << 2;
  for (let i = 0; i < M4; i += 4) {
    const aPanel = pa + (<usize>(i * k) << 2);
    for (let j = 0; j < N8; j += 8) {
      let bp = pb + (<usize>(j * k) << 2);
      let ap = aPanel;
      const cp = pc + <usize>i * rowBytes + (<usize>j << 2);
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const a0 = v128.load32_splat(ap);
        const a1 = v128.load32_splat(ap, 4);
        const a2 = v128.load32_splat(ap, 8);
        const a3 = v128.load32_splat(ap, 12);
        c00 = f32x4.add(c00, f32x4.mul(a0, b0));
        c01 = f32x4.add(c01, f32x4.mul(a0, b1));
        c10 = f32x4.add(c10, f32x4.mul(a1, b0));
        c11 = f32x4.add(c11, f32x4.mul(a1, b1));
        c20 = f32x4.add(c20, f32x4.mul(a2, b0));
        c21 = f32x4.add(c21, f32x4.mul(a2, b1));
        c30 = f32x4.add(c30, f32x4.mul(a3, b0));
        c31 = f32x4.add(c31, f32x4.mul(a3, b1));
        bp += 32;
        ap += 16;
      }
      if (epilogue) {
        const b0 = v128.load(bias + (<usize>j << 2));
        const b1 = v128.load(bias + (<usize>j << 2), 16);
        c00 = f32x4.add(c00, b0);
        c01 = f32x4.add(c01, b1);
        c10 = f32x4.add(c10, b0);
        c11 = f32x4.add(c11, b1);
        c20 = f32x4.add(c20, b0);
        c21 = f32x4.add(c21, b1);
        c30 = f32x4.add(c30, b0);
        c31 = f32x4.add(c31, b1);
        if (epilogue > 1) {
          const zero = f32x4.splat(0);
          c00 = f32x4.max(c00, zero);
          c01 = f32x4.max(c01, zero);
          c10 = f32x4.max(c10, zero);
          c11 = f32x4.max(c11, zero);
          c20 = f32x4.max(c20, zero);
          c21 = f32x4.max(c21, zero);
          c30 = f32x4.max(c30, zero);
          c31 = f32x4.max(c31, zero);
        }
      }
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
export function gemm64(pa: usize, pb: usize, pc: usize, m: i32, k: i32, n: i32, ldc: i32, bias: usize, epilogue: i32): void {
  const M4 = (m + 3) & ~3;
  const N4 = (n + 3) & ~3;
  const rowBytes = <usize>ldc << 3;
  for (let i = 0; i < M4; i += 4) {
    const aPanel = pa + (<usize>(i * k) << 3);
    for (let j = 0; j < N4; j += 4) {
      let bp = pb + (<usize>(j * k) << 3);
      let ap = aPanel;
      const cp = pc + <usize>i * rowBytes + (<usize>j << 3);
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
      let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
      let c30 = f64x2.splat(0), c31 = f64x2.splat(0);
      for (let p = 0; p < k; p++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const a0 = v128.load64_splat(ap);
        const a1 = v128.load64_splat(ap, 8);
        const a2 = v128.load64_splat(ap, 16);
        const a3 = v128.load64_splat(ap, 24);
        c00 = f64x2.add(c00, f64x2.mul(a0, b0));
        c01 = f64x2.add(c01, f64x2.mul(a0, b1));
        c10 = f64x2.add(c10, f64x2.mul(a1, b0));
        c11 = f64x2.add(c11, f64x2.mul(a1, b1));
        c20 = f64x2.add(c20, f64x2.mul(a2, b0));
        c21 = f64x2.add(c21, f64x2.mul(a2, b1));
        c30 = f64x2.add(c30, f64x2.mul(a3, b0));
        c31 = f64x2.add(c31, f64x2.mul(a3, b1));
        bp += 32;
        ap += 32;
      }
      if (epilogue) {
        const b0 = v128.load(bias + (<usize>j << 3));
        const b1 = v128.load(bias + (<usize>j << 3), 16);
        c00 = f64x2.add(c00, b0);
        c01 = f64x2.add(c01, b1);
        c10 = f64x2.add(c10, b0);
        c11 = f64x2.add(c11, b1);
        c20 = f64x2.add(c20, b0);
        c21 = f64x2.add(c21, b1);
        c30 = f64x2.add(c30, b0);
        c31 = f64x2.add(c31, b1);
        if (epilogue > 1) {
          const zero = f64x2.splat(0);
          c00 = f64x2.max(c00, zero);
          c01 = f64x2.max(c01, zero);
          c10 = f64x2.max(c10, zero);
          c11 = f64x2.max(c11, zero);
          c20 = f64x2.max(c20, zero);
          c21 = f64x2.max(c21, zero);
          c30 = f64x2.max(c30, zero);
          c31 = f64x2.max(c31, zero);
        }
      }
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

