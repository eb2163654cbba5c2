// The wasm tier's matrix product (AssemblyScript → WebAssembly SIMD128), float32 and float64: the same
// GotoBLAS scheme as native/src/gemm-kernel.inc (pack a KC-deep block of B into NR-wide panels and an MC-row
// block of A into MR-tall panels, then a register-blocked micro-kernel over panel pairs). Hand-written because no
// npm package offers a SIMD gemm over strided views that loads synchronously from bytes.
//
// Micro-tiles: float32 4 × 8 (8 f32x4 accumulators + 2 B vectors + 1 broadcast = 11 of the 16 xmm registers V8
// allocates on x64; 6 × 8 spilled), float64 4 × 4 (8 f64x2 accumulators). No FMA: relaxed SIMD needs a flag in
// Node 20 (REFERENCE.md), so each step is a multiply and an add.
//
// Every pointer is a byte address in linear memory; strides are in elements. The caller (engine/kernels/
// wasm-kernels.ts) copies the operands in and the result out.

export const KC: i32 = 256;
export const MC: i32 = 128;
export const NC: i32 = 1024;

// Packs op(A)[i0 .. i0+mb, p0 .. p0+kb) into panels of 4 rows: panel ip, depth p, row r at dst[(ip·kb + p)·4 + r].
@inline
function packA<T>(a: usize, aRow: i32, aCol: i32, i0: i32, mb: i32, p0: i32, kb: i32, dst: usize): void {
  const sh = alignof<T>();
  for (let ip = 0; ip < mb; ip += 4) {
    const rows = min(4, mb - ip);
    let d = dst + ((<usize>ip * kb) << sh);
    const s = a + ((<usize>(i0 + ip) * aRow + <usize>p0 * aCol) << sh);
    if (rows == 4) {
      const r1 = <usize>aRow << sh;
      const step = <usize>aCol << sh;
      let q = s;
      for (let p = 0; p < kb; p++) {
        store<T>(d, load<T>(q));
        store<T>(d + sizeof<T>(), load<T>(q + r1));
        store<T>(d + 2 * sizeof<T>(), load<T>(q + 2 * r1));
        store<T>(d + 3 * sizeof<T>(), load<T>(q + 3 * r1));
        q += step;
        d += 4 * sizeof<T>();
      }
    } else {
      for (let p = 0; p < kb; p++) {
        for (let r = 0; r < 4; r++) {
          const v: T = r < rows ? load<T>(s + ((<usize>r * aRow + <usize>p * aCol) << sh)) : <T>0;
          store<T>(d + (<usize>r << sh), v);
        }
        d += 4 * sizeof<T>();
      }
    }
  }
}

// Packs op(B)[p0 .. p0+kb, j0 .. j0+nb) into panels of NR columns: panel jp, depth p, column q at dst[(jp·kb + p)·NR + q].
@inline
function packB<T>(b: usize, bRow: i32, bCol: i32, p0: i32, kb: i32, j0: i32, nb: i32, dst: usize, NR: i32): void {
  const sh = alignof<T>();
  for (let jp = 0; jp < nb; jp += NR) {
    const cols = min(NR, nb - jp);
    let d = dst + ((<usize>jp * kb) << sh);
    const s = b + ((<usize>p0 * bRow + <usize>(j0 + jp) * bCol) << sh);
    if (cols == NR && bCol == 1) {
      // Row-major B: NR contiguous values per depth step, 32 bytes either way (8 floats or 4 doubles).
      const step = <usize>bRow << sh;
      let q = s;
      for (let p = 0; p < kb; p++) {
        v128.store(d, v128.load(q));
        v128.store(d, v128.load(q, 16), 16);
        q += step;
        d += 32;
      }
    } else if (cols == NR) {
      // Transposed B: each column is contiguous along the depth.
      for (let c = 0; c < NR; c++) {
        let q = s + ((<usize>c * bCol) << sh);
        const step = <usize>bRow << sh;
        let o = d + (<usize>c << sh);
        for (let p = 0; p < kb; p++) {
          store<T>(o, load<T>(q));
          q += step;
          o += <usize>NR << sh;
        }
      }
    } else {
      for (let p = 0; p < kb; p++) {
        for (let c = 0; c < NR; c++) {
          const v: T = c < cols ? load<T>(s + ((<usize>p * bRow + <usize>c * bCol) << sh)) : <T>0;
          store<T>(d + (<usize>c << sh), v);
        }
        d += <usize>NR << sh;
      }
    }
  }
}

// Writes (or adds, with `add`) a 4-row tile held in `tile` (4 rows of 32 bytes) to C, only `rows` × `cols` of it.
function edge<T>(tile: usize, c: usize, cRow: i32, rows: i32, cols: i32, add: bool): void {
  const sh = alignof<T>();
  for (let r = 0; r < rows; r++) {
    const cr = c + ((<usize>r * cRow) << sh);
    const tr = tile + <usize>r * 32;
    for (let q = 0; q < cols; q++) {
      const o = cr + (<usize>q << sh);
      const v = load<T>(tr + (<usize>q << sh));
      store<T>(o, add ? load<T>(o) + v : v);
    }
  }
}

// Scratch for edge tiles (4 rows × 32 bytes), in the module's static data.
const TILE: usize = memory.data(128, 16);

// C[0..rows, 0..cols) (row stride cRow) = (add ? C : 0) + packed A · packed B over kb steps: float32, 4 × 8.
function micro32(kb: i32, pa: usize, pb: usize, c: usize, cRow: i32, rows: i32, cols: i32, add: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kb; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    pa += 16;
    pb += 32;
  }
  if (rows == 4 && cols == 8) {
    const s = <usize>cRow << 2;
    if (add) {
      v128.store(c, f32x4.add(v128.load(c), c00)); v128.store(c, f32x4.add(v128.load(c, 16), c01), 16);
      c += s;
      v128.store(c, f32x4.add(v128.load(c), c10)); v128.store(c, f32x4.add(v128.load(c, 16), c11), 16);
      c += s;
      v128.store(c, f32x4.add(v128.load(c), c20)); v128.store(c, f32x4.add(v128.load(c, 16), c21), 16);
      c += s;
      v128.store(c, f32x4.add(v128.load(c), c30)); v128.store(c, f32x4.add(v128.load(c, 16), c31), 16);
    } else {
      v128.store(c, c00); v128.store(c, c01, 16);
      c += s;
      v128.store(c, c10); v128.store(c, c11, 16);
      c += s;
      v128.store(c, c20); v128.store(c, c21, 16);
      c += s;
      v128.store(c, c30); v128.store(c, c31, 16);
    }
    return;
  }
  v128.store(TILE, c00); v128.store(TILE, c01, 16);
  v128.store(TILE, c10, 32); v128.store(TILE, c11, 48);
  v128.store(TILE, c20, 64); v128.store(TILE, c21, 80);
  v128.store(TILE, c30, 96); v128.store(TILE, c31, 112);
  edge<f32>(TILE, c, cRow, rows, cols, add);
}

// The float64 micro-kernel, 4 × 4 (two f64x2 per row).
function micro64(kb: i32, pa: usize, pb: usize, c: usize, cRow: i32, rows: i32, cols: i32, add: bool): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  for (let p = 0; p < kb; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load64_splat(pa);
    c00 = f64x2.add(c00, f64x2.mul(a, b0));
    c01 = f64x2.add(c01, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 8);
    c10 = f64x2.add(c10, f64x2.mul(a, b0));
    c11 = f64x2.add(c11, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 16);
    c20 = f64x2.add(c20, f64x2.mul(a, b0));
    c21 = f64x2.add(c21, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 24);
    c30 = f64x2.add(c30, f64x2.mul(a, b0));
    c31 = f64x2.add(c31, f64x2.mul(a, b1));
    pa += 32;
    pb += 32;
  }
  if (rows == 4 && cols == 4) {
    const s = <usize>cRow << 3;
    if (add) {
      v128.store(c, f64x2.add(v128.load(c), c00)); v128.store(c, f64x2.add(v128.load(c, 16), c01), 16);
      c += s;
      v128.store(c, f64x2.add(v128.load(c), c10)); v128.store(c, f64x2.add(v128.load(c, 16), c11), 16);
      c += s;
      v128.store(c, f64x2.add(v128.load(c), c20)); v128.store(c, f64x2.add(v128.load(c, 16), c21), 16);
      c += s;
      v128.store(c, f64x2.add(v128.load(c), c30)); v128.store(c, f64x2.add(v128.load(c, 16), c31), 16);
    } else {
      v128.store(c, c00); v128.store(c, c01, 16);
      c += s;
      v128.store(c, c10); v128.store(c, c11, 16);
      c += s;
      v128.store(c, c20); v128.store(c, c21, 16);
      c += s;
      v128.store(c, c30); v128.store(c, c31, 16);
    }
    return;
  }
  v128.store(TILE, c00); v128.store(TILE, c01, 16);
  v128.store(TILE, c10, 32); v128.store(TILE, c11, 48);
  v128.store(TILE, c20, 64); v128.store(TILE, c21, 80);
  v128.store(TILE, c30, 96); v128.store(TILE, c31, 112);
  edge<f64>(TILE, c, cRow, rows, cols, add);
}

// Few rows (m ≤ 3: generating one sequence at a time): packing B would cost more than the product, which reads
// each element of B once anyway. Row-major B: C's row as a sum of B's rows (vectors along j); transposed B with
// contiguous A rows: dot products. Returns false for other layouts. As fewRows in native/src/gemm-kernel.inc.
@inline
function fewRows<T>(m: i32, n: i32, k: i32, a: usize, aRow: i32, aCol: i32, b: usize, bRow: i32, bCol: i32, c: usize, cRow: i32, acc: bool): bool {
  const sh = alignof<T>();
  const VL: i32 = 16 / sizeof<T>();
  if (bCol == 1) {
    const nv = n - n % VL;
    for (let i = 0; i < m; i++) {
      const ci = c + ((<usize>i * cRow) << sh);
      if (!acc) memory.fill(ci, 0, <usize>n << sh);
      const ai = a + ((<usize>i * aRow) << sh);
      for (let p = 0; p < k; p++) {
        const x = load<T>(ai + ((<usize>p * aCol) << sh));
        const bp = b + ((<usize>p * bRow) << sh);
        if (sizeof<T>() == 4) {
          const xv = f32x4.splat(<f32>x);
          for (let j = 0; j < nv; j += 4) {
            const o = <usize>j << 2;
            v128.store(ci + o, f32x4.add(v128.load(ci + o), f32x4.mul(xv, v128.load(bp + o))));
          }
        } else {
          const xv = f64x2.splat(<f64>x);
          for (let j = 0; j < nv; j += 2) {
            const o = <usize>j << 3;
            v128.store(ci + o, f64x2.add(v128.load(ci + o), f64x2.mul(xv, v128.load(bp + o))));
          }
        }
        for (let j = nv; j < n; j++) {
          const o = <usize>j << sh;
          store<T>(ci + o, load<T>(ci + o) + x * load<T>(bp + o));
        }
      }
    }
    return true;
  }
  if (bRow == 1 && aCol == 1) {
    const kv = k - k % VL;
    for (let i = 0; i < m; i++) {
      const ai = a + ((<usize>i * aRow) << sh);
      let ci = c + ((<usize>i * cRow) << sh);
      for (let j = 0; j < n; j++) {
        const bj = b + ((<usize>j * bCol) << sh);
        let s = v128.splat<i32>(0);
        let sum: T = 0;
        if (sizeof<T>() == 4) {
          for (let p = 0; p < kv; p += 4) s = f32x4.add(s, f32x4.mul(v128.load(ai + (<usize>p << 2)), v128.load(bj + (<usize>p << 2))));
          sum = <T>((f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1)) + (f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3)));
        } else {
          for (let p = 0; p < kv; p += 2) s = f64x2.add(s, f64x2.mul(v128.load(ai + (<usize>p << 3)), v128.load(bj + (<usize>p << 3))));
          sum = <T>(f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1));
        }
        for (let p = kv; p < k; p++) sum += load<T>(ai + (<usize>p << sh)) * load<T>(bj + (<usize>p << sh));
        store<T>(ci, acc ? load<T>(ci) + sum : sum);
        ci += sizeof<T>();
      }
    }
    return true;
  }
  return false;
}

// C = (acc ? C : 0) + op(A)·op(B): op(A) m×k at a[i·aRow + p·aCol], op(B) k×n at b[p·bRow + j·bCol], C m×n at
// c[i·cRow + j]. bufA ≥ MC·KC and bufB ≥ KC·(NC + 8) elements, 16-byte aligned.
@inline
function gemm<T>(m: i32, n: i32, k: i32, a: usize, aRow: i32, aCol: i32, b: usize, bRow: i32, bCol: i32, c: usize, cRow: i32, acc: bool, bufA: usize, bufB: usize): void {
  const sh = alignof<T>();
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!acc) for (let i = 0; i < m; i++) memory.fill(c + ((<usize>i * cRow) << sh), 0, <usize>n << sh);
    return;
  }
  if (m <= 3 && fewRows<T>(m, n, k, a, aRow, aCol, b, bRow, bCol, c, cRow, acc)) return;
  const NR: i32 = sizeof<T>() == 4 ? 8 : 4;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nb = min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kb = min(KC, k - p0);
      const add = acc || p0 > 0;
      packB<T>(b, bRow, bCol, p0, kb, j0, nb, bufB, NR);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mb = min(MC, m - i0);
        packA<T>(a, aRow, aCol, i0, mb, p0, kb, bufA);
        for (let jr = 0; jr < nb; jr += NR) {
          const pb = bufB + ((<usize>jr * kb) << sh);
          const cols = min(NR, nb - jr);
          for (let ir = 0; ir < mb; ir += 4) {
            const pa = bufA + ((<usize>ir * kb) << sh);
            const cp = c + ((<usize>(i0 + ir) * cRow + <usize>(j0 + jr)) << sh);
            if (sizeof<T>() == 4) micro32(kb, pa, pb, cp, cRow, min(4, mb - ir), cols, add);
            else micro64(kb, pa, pb, cp, cRow, min(4, mb - ir), cols, add);
          }
        }
      }
    }
  }
}

export function gemm32(m: i32, n: i32, k: i32, a: usize, aRow: i32, aCol: i32, b: usize, bRow: i32, bCol: i32, c: usize, cRow: i32, acc: bool, bufA: usize, bufB: usize): void {
  gemm<f32>(m, n, k, a, aRow, aCol, b, bRow, bCol, c, cRow, acc, bufA, bufB);
}

export function gemm64(m: i32, n: i32, k: i32, a: usize, aRow: i32, aCol: i32, b: usize, bRow: i32, bCol: i32, c: usize, cRow: i32, acc: bool, bufA: usize, bufB: usize): void {
  gemm<f64>(m, n, k, a, aRow, aCol, b, bRow, bCol, c, cRow, acc, bufA, bufB);
}
