// The wasm tier's element-wise cell kernels, a port of native/src/cell-kernel.inc to SIMD128: arithmetic in
// float64 for both storage types (two lanes of f64x2), so float32 storage only rounds where it stores, like the
// JS and native tiers. exp / tanh / sigmoid are computed here on vectors (Math.exp costs ≈20 ns a value in JS).
// Pointers are byte addresses; T is the storage type (f32 or f64).

// ---- vectors of two doubles from T storage ----
@inline
function load2<T>(p: usize): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(p));
  return v128.load(p);
}
@inline
function store2<T>(p: usize, v: v128): void {
  if (sizeof<T>() == 4) v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
  else v128.store(p, v);
}
// The first `lanes` (1 or 2) values at p (the other lane 0), and the store of the first `lanes` lanes.
@inline
function loadN<T>(p: usize, lanes: i32): v128 {
  if (lanes == 2) return load2<T>(p);
  return f64x2.replace_lane(f64x2.splat(0), 0, <f64>load<T>(p));
}
@inline
function storeN<T>(p: usize, v: v128, lanes: i32): void {
  if (lanes == 2) store2<T>(p, v);
  else store<T>(p, <T>f64x2.extract_lane(v, 0));
}

// The constants of expD / tanhD / sigmoidD, each as a pair of doubles in static memory: V8 (11.3, Node 20)
// builds every v128.const from general registers (mov, movq, pinsrq: ≈6 µops), a load is one; with ≈30 constants
// per LSTM cell value that measured ≈1.3–2× faster (bench/cell-crossover.ts).
const K: usize = memory.data<f64>([
  709.782712893384, 709.782712893384, -708.3964185322641, -708.3964185322641, // 0 hi, 1 lo
  6755399441055744.0, 6755399441055744.0, 1.4426950408889634, 1.4426950408889634, // 2 magic (1.5·2^52), 3 log2(e)
  0.693145751953125, 0.693145751953125, 1.42860682030941723212e-6, 1.42860682030941723212e-6, // 4, 5 ln2 hi / lo
  1.0 / 6227020800.0, 1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 479001600.0, // 6 1/13!, 7 1/12!
  1.0 / 39916800.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 3628800.0, // 8, 9
  1.0 / 362880.0, 1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 40320.0, // 10, 11
  1.0 / 5040.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 720.0, // 12, 13
  1.0 / 120.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 24.0, // 14, 15
  1.0 / 6.0, 1.0 / 6.0, 0.5, 0.5, // 16, 17
  1.0, 1.0, 2.0, 2.0, // 18 one, 19 two
  Infinity, Infinity, 0.0, 0.0, // 20 +inf, 21 zero
  45.0, 45.0, 13860.0, 13860.0, // 22, 23 tanh's continued fraction, denominator
  945945.0, 945945.0, 16216200.0, 16216200.0, // 24, 25
  34459425.0, 34459425.0, 990.0, 990.0, // 26 (both), 27 numerator
  135135.0, 135135.0, 4729725.0, 4729725.0, // 28, 29
  0.625, 0.625, // 30 the continued fraction's range
], 16);
/** The exponent bias less one (1022) as two i64 lanes. */
const K_BIAS: usize = memory.data<i64>([1022, 1022], 16);
@inline
function kc(i: i32): v128 {
  return v128.load(K + (<usize>i << 4));
}

// e^x as expD in cell-kernel.inc: x = k·ln2 + r (Cody–Waite), e^r by Taylor to r^13, times 2^(k−1)·2 built in the
// exponent bits; +∞ beyond ln(DBL_MAX), 0 below ln(DBL_MIN), NaN stays NaN (pmax/pmin keep x when it is NaN).
@inline
function expD(x: v128): v128 {
  const hi = kc(0);
  const lo = kc(1);
  const xc = f64x2.pmin(f64x2.pmax(x, lo), hi);
  const magic = kc(2);
  const t = f64x2.add(f64x2.mul(xc, kc(3)), magic);
  const k = f64x2.sub(t, magic);
  let r = f64x2.sub(xc, f64x2.mul(k, kc(4)));
  r = f64x2.sub(r, f64x2.mul(k, kc(5)));
  // Horner from 1/13! down to 1/1!, then + 1 (constants 6 … 18, then 18 again).
  let p = kc(6);
  p = f64x2.add(f64x2.mul(p, r), kc(7));
  p = f64x2.add(f64x2.mul(p, r), kc(8));
  p = f64x2.add(f64x2.mul(p, r), kc(9));
  p = f64x2.add(f64x2.mul(p, r), kc(10));
  p = f64x2.add(f64x2.mul(p, r), kc(11));
  p = f64x2.add(f64x2.mul(p, r), kc(12));
  p = f64x2.add(f64x2.mul(p, r), kc(13));
  p = f64x2.add(f64x2.mul(p, r), kc(14));
  p = f64x2.add(f64x2.mul(p, r), kc(15));
  p = f64x2.add(f64x2.mul(p, r), kc(16));
  p = f64x2.add(f64x2.mul(p, r), kc(17));
  p = f64x2.add(f64x2.mul(p, r), kc(18));
  p = f64x2.add(f64x2.mul(p, r), kc(18));
  const ki = i64x2.sub(t, magic);
  const scale = i64x2.shl(i64x2.add(ki, v128.load(K_BIAS)), 52);
  const e = f64x2.mul(f64x2.mul(p, scale), kc(19));
  const under = v128.bitselect(kc(21), e, f64x2.lt(x, lo));
  return v128.bitselect(kc(20), under, f64x2.gt(x, hi));
}

// tanh as tanhD in cell-kernel.inc: Lambert's continued fraction for |x| < 0.625, else 1 − 2/(e^{2|x|} + 1).
@inline
function tanhD(x: v128): v128 {
  const ax = f64x2.abs(x);
  const y = f64x2.mul(x, x);
  let a = f64x2.add(f64x2.mul(kc(22), y), kc(23));
  a = f64x2.add(f64x2.mul(a, y), kc(24));
  a = f64x2.add(f64x2.mul(a, y), kc(25));
  a = f64x2.add(f64x2.mul(a, y), kc(26));
  let b = f64x2.add(y, kc(27));
  b = f64x2.add(f64x2.mul(b, y), kc(28));
  b = f64x2.add(f64x2.mul(b, y), kc(29));
  b = f64x2.add(f64x2.mul(b, y), kc(26));
  const small = f64x2.div(f64x2.mul(x, b), a);
  const one = kc(18);
  const big = f64x2.sub(one, f64x2.div(kc(19), f64x2.add(expD(f64x2.add(ax, ax)), one)));
  const signed = v128.bitselect(f64x2.neg(big), big, f64x2.lt(x, kc(21)));
  return v128.bitselect(small, signed, f64x2.lt(ax, kc(30)));
}

@inline
function sigmoidD(x: v128): v128 {
  const one = kc(18);
  return f64x2.div(one, f64x2.add(one, expD(f64x2.neg(x))));
}

@inline
function act(code: i32, x: v128): v128 {
  return code == 0 ? tanhD(x) : sigmoidD(x);
}

// dst[0..n) = act(src[0..n)), code 0 tanh, 1 sigmoid; dst may equal src.
@inline
function activate<T>(code: i32, src: usize, dst: usize, n: i32): void {
  const sh = alignof<T>();
  for (let i = 0; i < n; i += 2) {
    const lanes = min(2, n - i);
    const o = <usize>i << sh;
    storeN<T>(dst + o, act(code, loadN<T>(src + o, lanes)), lanes);
  }
}
export function activate32(code: i32, src: usize, dst: usize, n: i32): void { activate<f32>(code, src, dst, n); }
export function activate64(code: i32, src: usize, dst: usize, n: i32): void { activate<f64>(code, src, dst, n); }

// One LSTM step forward (Keras' default activations): z [batch, 4u] pre-activations → gate outputs; cPrev, c,
// actCell, h [batch, u]. c = f·cPrev + i·g; actCell = tanh(c); h = o·actCell.
@inline
function lstmForward<T>(z: usize, cPrev: usize, c: usize, actCell: usize, h: usize, batch: i32, u: i32): void {
  const sh = alignof<T>();
  const gate = <usize>u << sh;
  for (let b = 0; b < batch; b++) {
    const zr = z + ((<usize>b * 4 * u) << sh);
    const row = (<usize>b * u) << sh;
    for (let j = 0; j < u; j += 2) {
      const lanes = min(2, u - j);
      const o = <usize>j << sh;
      const pi = zr + o;
      const ig = sigmoidD(loadN<T>(pi, lanes));
      const fg = sigmoidD(loadN<T>(pi + gate, lanes));
      const gg = tanhD(loadN<T>(pi + 2 * gate, lanes));
      const og = sigmoidD(loadN<T>(pi + 3 * gate, lanes));
      const cv = f64x2.add(f64x2.mul(fg, loadN<T>(cPrev + row + o, lanes)), f64x2.mul(ig, gg));
      const a = tanhD(cv);
      storeN<T>(pi, ig, lanes);
      storeN<T>(pi + gate, fg, lanes);
      storeN<T>(pi + 2 * gate, gg, lanes);
      storeN<T>(pi + 3 * gate, og, lanes);
      storeN<T>(c + row + o, cv, lanes);
      storeN<T>(actCell + row + o, a, lanes);
      storeN<T>(h + row + o, f64x2.mul(og, a), lanes);
    }
  }
}
export function lstmForward32(z: usize, cPrev: usize, c: usize, actCell: usize, h: usize, batch: i32, u: i32): void { lstmForward<f32>(z, cPrev, c, actCell, h, batch, u); }
export function lstmForward64(z: usize, cPrev: usize, c: usize, actCell: usize, h: usize, batch: i32, u: i32): void { lstmForward<f64>(z, cPrev, c, actCell, h, batch, u); }

// One LSTM step backward, element-wise part (dOut 0: no gradient from above at this step); scalar, in float64,
// the order of operations of cell-kernel.inc and cell-kernels.ts.
@inline
function lstmBackward<T>(dOut: usize, dh: usize, dc: usize, z: usize, actCell: usize, cPrev: usize, dz: usize, batch: i32, u: i32): void {
  const sh = alignof<T>();
  const gate = <usize>u << sh;
  for (let b = 0; b < batch; b++) {
    const zr = z + ((<usize>b * 4 * u) << sh);
    const dzr = dz + ((<usize>b * 4 * u) << sh);
    for (let j = 0; j < u; j++) {
      const k = (<usize>(b * u + j)) << sh;
      const o = <usize>j << sh;
      const dhv = (dOut != 0 ? <f64>load<T>(dOut + k) : 0.0) + <f64>load<T>(dh + k);
      const ig = <f64>load<T>(zr + o), fg = <f64>load<T>(zr + gate + o), gg = <f64>load<T>(zr + 2 * gate + o), og = <f64>load<T>(zr + 3 * gate + o);
      const a = <f64>load<T>(actCell + k);
      const dcv = <f64>load<T>(dc + k) + dhv * og * (1 - a * a);
      store<T>(dzr + o, <T>(dcv * gg * (ig * (1 - ig))));
      store<T>(dzr + gate + o, <T>(dcv * <f64>load<T>(cPrev + k) * (fg * (1 - fg))));
      store<T>(dzr + 2 * gate + o, <T>(dcv * ig * (1 - gg * gg)));
      store<T>(dzr + 3 * gate + o, <T>(dhv * a * (og * (1 - og))));
      store<T>(dc + k, <T>(dcv * fg));
    }
  }
}
export function lstmBackward32(dOut: usize, dh: usize, dc: usize, z: usize, actCell: usize, cPrev: usize, dz: usize, batch: i32, u: i32): void { lstmBackward<f32>(dOut, dh, dc, z, actCell, cPrev, dz, batch, u); }
export function lstmBackward64(dOut: usize, dh: usize, dc: usize, z: usize, actCell: usize, cPrev: usize, dz: usize, batch: i32, u: i32): void { lstmBackward<f64>(dOut, dh, dc, z, actCell, cPrev, dz, batch, u); }

// One SimpleRNN step backward: dz[i] = (dOut[i] (0 without) + dh[i]) · act'(h[i]), act' from the output y:
// tanh (code 0) 1 − y², sigmoid (1) y·(1 − y).
@inline
function rnnBackward<T>(dOut: usize, dh: usize, h: usize, dz: usize, n: i32, code: i32): void {
  const sh = alignof<T>();
  for (let i = 0; i < n; i++) {
    const o = <usize>i << sh;
    const y = <f64>load<T>(h + o);
    const d = code == 0 ? 1 - y * y : y * (1 - y);
    store<T>(dz + o, <T>(((dOut != 0 ? <f64>load<T>(dOut + o) : 0.0) + <f64>load<T>(dh + o)) * d));
  }
}
export function rnnBackward32(dOut: usize, dh: usize, h: usize, dz: usize, n: i32, code: i32): void { rnnBackward<f32>(dOut, dh, h, dz, n, code); }
export function rnnBackward64(dOut: usize, dh: usize, h: usize, dz: usize, n: i32, code: i32): void { rnnBackward<f64>(dOut, dh, h, dz, n, code); }

// One GRU step forward, reset_after, default activations: z [batch, 3u] x·W + b → z, r, hh; rec [batch, 3u]
// h(t−1)·R + b_rec; writes rec's candidate block into cand and h = z·hPrev + (1 − z)·hh, both [batch, u].
@inline
function gruForward<T>(zg: usize, rec: usize, hPrev: usize, cand: usize, h: usize, batch: i32, u: i32): void {
  const sh = alignof<T>();
  const gate = <usize>u << sh;
  const one = kc(18);
  for (let b = 0; b < batch; b++) {
    const zr = zg + ((<usize>b * 3 * u) << sh);
    const rr = rec + ((<usize>b * 3 * u) << sh);
    const row = (<usize>b * u) << sh;
    for (let j = 0; j < u; j += 2) {
      const lanes = min(2, u - j);
      const o = <usize>j << sh;
      const z = sigmoidD(f64x2.add(loadN<T>(zr + o, lanes), loadN<T>(rr + o, lanes)));
      const r = sigmoidD(f64x2.add(loadN<T>(zr + gate + o, lanes), loadN<T>(rr + gate + o, lanes)));
      const rh = loadN<T>(rr + 2 * gate + o, lanes);
      const hh = tanhD(f64x2.add(loadN<T>(zr + 2 * gate + o, lanes), f64x2.mul(r, rh)));
      storeN<T>(zr + o, z, lanes);
      storeN<T>(zr + gate + o, r, lanes);
      storeN<T>(zr + 2 * gate + o, hh, lanes);
      storeN<T>(cand + row + o, rh, lanes);
      storeN<T>(h + row + o, f64x2.add(f64x2.mul(z, loadN<T>(hPrev + row + o, lanes)), f64x2.mul(f64x2.sub(one, z), hh)), lanes);
    }
  }
}
export function gruForward32(z: usize, rec: usize, hPrev: usize, cand: usize, h: usize, batch: i32, u: i32): void { gruForward<f32>(z, rec, hPrev, cand, h, batch, u); }
export function gruForward64(z: usize, rec: usize, hPrev: usize, cand: usize, h: usize, batch: i32, u: i32): void { gruForward<f64>(z, rec, hPrev, cand, h, batch, u); }
