/**
 * The wasm kernel tier: native/wasm (AssemblyScript, WebAssembly SIMD128, built by scripts/build-wasm.mjs at
 * `npm install`) behind the native addon's interface ({@link NativeAddon}), so the fused engine calls it exactly
 * as it calls the addon. Loaded synchronously (a Module from bytes), once per thread: each worker thread has its
 * own instance and linear memory.
 *
 * WebAssembly reads only its own linear memory, and the engine's matrices live in JS typed arrays, so every call
 * copies the operands in (only the rows a view covers: wasm-scratch.ts) and the results out. For a product that
 * is O(m·k + k·n + m·n) against O(m·n·k); for the element-wise cell kernels it is the same order as the work, so
 * those are called only from larger sizes than on the native tier, or not at all (tiers.ts, WASM_LIMITS, measured
 * with bench/gemm-crossover.ts and bench/cell-crossover.ts).
 */
import { readFileSync } from 'node:fs';
import type { Vec } from '../fused/types.js';
import type { NativeAddon, NativeInfo } from './native-addon.js';
import { align, copyRowsOut, fits, inside, WasmScratch, type LinearMemory } from './wasm-scratch.js';

// The part of the WebAssembly JS API used here (the project's lib has no DOM types, @types/node 20 lacks them).
interface WasmRuntime {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

/** The module's exports (native/wasm/kernels.ts); pointers are byte addresses, strides in elements. */
interface WasmExports {
  readonly memory: LinearMemory;
  readonly KC: { readonly value: number };
  readonly MC: { readonly value: number };
  readonly NC: { readonly value: number };
  heapBase(): number;
  gemm32(m: number, n: number, k: number, a: number, aRow: number, aCol: number, b: number, bRow: number, bCol: number, c: number, cRow: number, acc: number, bufA: number, bufB: number): void;
  gemm64(m: number, n: number, k: number, a: number, aRow: number, aCol: number, b: number, bRow: number, bCol: number, c: number, cRow: number, acc: number, bufA: number, bufB: number): void;
  activate32(code: number, src: number, dst: number, n: number): void;
  activate64(code: number, src: number, dst: number, n: number): void;
  lstmForward32(z: number, cPrev: number, c: number, actCell: number, h: number, batch: number, u: number): void;
  lstmForward64(z: number, cPrev: number, c: number, actCell: number, h: number, batch: number, u: number): void;
  lstmBackward32(dOut: number, dh: number, dc: number, z: number, actCell: number, cPrev: number, dz: number, batch: number, u: number): void;
  lstmBackward64(dOut: number, dh: number, dc: number, z: number, actCell: number, cPrev: number, dz: number, batch: number, u: number): void;
  rnnBackward32(dOut: number, dh: number, h: number, dz: number, n: number, code: number): void;
  rnnBackward64(dOut: number, dh: number, h: number, dz: number, n: number, code: number): void;
  gruForward32(z: number, rec: number, hPrev: number, cand: number, h: number, batch: number, u: number): void;
  gruForward64(z: number, rec: number, hPrev: number, cand: number, h: number, batch: number, u: number): void;
}

/**
 * The build, relative to this file: native/ beside src-main/ (tests run the sources) and dist/native, which
 * scripts/build-main.mjs links to native/ (as for the addon).
 */
const MODULE = new URL('../../../native/wasm-build/rnnlab_kernels.wasm', import.meta.url);
const FLAGS = 'AssemblyScript 0.28 -O3 --runtime stub, SIMD128 (no relaxed SIMD: Node 20 needs a flag for it)';

const rangeError = (what: string) => new RangeError(`wasm kernel ${what}: a view reaches outside its array`);

/** The wasm module behind the addon's interface: copies views in, runs the kernel, copies results out. */
class WasmKernels implements NativeAddon {
  private args: Int32Array = new Int32Array(16);
  private readonly bufA: number;
  private readonly bufB: number;
  private readonly mem: WasmScratch;

  constructor(private readonly x: WasmExports) {
    const kc = x.KC.value;
    const mc = x.MC.value;
    const nc = x.NC.value;
    // Pack buffers sized for float64 (the wider type), 16-byte aligned.
    this.bufA = align(x.heapBase());
    this.bufB = align(this.bufA + mc * kc * 8);
    this.mem = new WasmScratch(x.memory, align(this.bufB + kc * (nc + 8) * 8));
  }

  info(): NativeInfo {
    return { isa: 'simd128', supported: ['simd128'], flags: FLAGS };
  }

  useIsa(name: string): void {
    if (name !== 'simd128') throw new TypeError(`useIsa: the wasm tier runs only simd128 (got "${name}")`);
  }

  setArgs(args: Int32Array): void {
    if (!(args instanceof Int32Array) || args.length < 12) throw new TypeError('setArgs: expected an Int32Array of at least 12 elements');
    this.args = args;
  }

  gemm(c: Vec, a: Vec, b: Vec): void {
    const g = this.args;
    const [m, n, k] = [g[0]!, g[1]!, g[2]!];
    if (m < 0 || n < 0 || k < 0) throw new RangeError('wasm gemm: negative size');
    const f64 = this.check3(c, a, b);
    if (m === 0 || n === 0) return;
    const cOff = g[9]!, cRow = g[10]!, acc = g[11]! !== 0;
    if (!fits(cOff, m, cRow, n, 1, c.length)) throw rangeError('gemm');
    if (k > 0 && (!fits(g[3]!, m, g[4]!, k, g[5]!, a.length) || !fits(g[6]!, k, g[7]!, n, g[8]!, b.length))) throw rangeError('gemm');
    this.mem.reset();
    const pa = this.mem.put(a, g[3]!, m, k, g[4]!, g[5]!, f64);
    const aRow = this.mem.rowStep, aCol = this.mem.colStep;
    const pb = this.mem.put(b, g[6]!, k, n, g[7]!, g[8]!, f64);
    const bRow = this.mem.rowStep, bCol = this.mem.colStep;
    let pc: number;
    let cStride: number;
    if (acc) {
      pc = this.mem.put(c, cOff, m, n, cRow, 1, f64);
      cStride = this.mem.rowStep;
    } else {
      pc = this.mem.alloc(m * n, f64);
      cStride = n;
    }
    if (f64) this.x.gemm64(m, n, k, pa, aRow, aCol, pb, bRow, bCol, pc, cStride, acc ? 1 : 0, this.bufA, this.bufB);
    else this.x.gemm32(m, n, k, pa, aRow, aCol, pb, bRow, bCol, pc, cStride, acc ? 1 : 0, this.bufA, this.bufB);
    // Read the view after the call: a memory.grow in put/alloc re-makes it.
    copyRowsOut(f64 ? this.mem.f64 : this.mem.f32, pc >> (f64 ? 3 : 2), cStride, c, cOff, cRow, m, n);
  }

  activate(src: Vec, dst: Vec): void {
    const g = this.args;
    const code = g[0]!, srcOff = g[1]!, dstOff = g[2]!, n = g[3]!;
    if (code !== 0 && code !== 1) throw new TypeError('activate: code must be 0 (tanh) or 1 (sigmoid)');
    const f64 = this.check2(src, dst);
    if (!inside(srcOff, n, src.length) || !inside(dstOff, n, dst.length)) throw rangeError('activate');
    this.mem.reset();
    const p = this.mem.copyIn(src, srcOff, n, f64);
    if (f64) this.x.activate64(code, p, p, n);
    else this.x.activate32(code, p, p, n);
    this.mem.copyOut(p, dst, dstOff, n, f64);
  }

  lstmForward(z: Vec, cPrev: Vec, c: Vec, actCell: Vec, h: Vec): void {
    const g = this.args;
    const zOff = g[0]!, cPrevOff = g[1]!, stateOff = g[2]!, batch = g[3]!, u = g[4]!;
    const rows = batch * u;
    const f64 = this.checkAll([z, cPrev, c, actCell, h]);
    if (batch < 0 || u < 0 || !inside(zOff, 4 * rows, z.length) || !inside(cPrevOff, rows, cPrev.length) || !inside(stateOff, rows, c.length) ||
      !inside(stateOff, rows, actCell.length) || !inside(stateOff, rows, h.length)) throw rangeError('lstmForward');
    this.mem.reset();
    const pz = this.mem.copyIn(z, zOff, 4 * rows, f64);
    const pp = this.mem.copyIn(cPrev, cPrevOff, rows, f64);
    const pc = this.mem.alloc(rows, f64), pa = this.mem.alloc(rows, f64), ph = this.mem.alloc(rows, f64);
    if (f64) this.x.lstmForward64(pz, pp, pc, pa, ph, batch, u);
    else this.x.lstmForward32(pz, pp, pc, pa, ph, batch, u);
    this.mem.copyOut(pz, z, zOff, 4 * rows, f64);
    this.mem.copyOut(pc, c, stateOff, rows, f64);
    this.mem.copyOut(pa, actCell, stateOff, rows, f64);
    this.mem.copyOut(ph, h, stateOff, rows, f64);
  }

  lstmBackward(dOut: Vec | null, dh: Vec, dc: Vec, z: Vec, actCell: Vec, cPrev: Vec, dz: Vec): void {
    const g = this.args;
    const dOutOff = g[0]!, zOff = g[1]!, stateOff = g[2]!, cPrevOff = g[3]!, batch = g[4]!, u = g[5]!;
    const rows = batch * u;
    const f64 = this.checkAll(dOut === null ? [dh, dc, z, actCell, cPrev, dz] : [dOut, dh, dc, z, actCell, cPrev, dz]);
    if (batch < 0 || u < 0 || (dOut !== null && !inside(dOutOff, rows, dOut.length)) || !inside(0, rows, dh.length) || !inside(0, rows, dc.length) ||
      !inside(zOff, 4 * rows, z.length) || !inside(stateOff, rows, actCell.length) || !inside(cPrevOff, rows, cPrev.length) || !inside(zOff, 4 * rows, dz.length)) {
      throw rangeError('lstmBackward');
    }
    this.mem.reset();
    const pOut = dOut === null ? 0 : this.mem.copyIn(dOut, dOutOff, rows, f64);
    const pdh = this.mem.copyIn(dh, 0, rows, f64);
    const pdc = this.mem.copyIn(dc, 0, rows, f64);
    const pz = this.mem.copyIn(z, zOff, 4 * rows, f64);
    const pa = this.mem.copyIn(actCell, stateOff, rows, f64);
    const pp = this.mem.copyIn(cPrev, cPrevOff, rows, f64);
    const pdz = this.mem.alloc(4 * rows, f64);
    if (f64) this.x.lstmBackward64(pOut, pdh, pdc, pz, pa, pp, pdz, batch, u);
    else this.x.lstmBackward32(pOut, pdh, pdc, pz, pa, pp, pdz, batch, u);
    this.mem.copyOut(pdz, dz, zOff, 4 * rows, f64);
    this.mem.copyOut(pdc, dc, 0, rows, f64);
  }

  /**
   * Copies the bias row into every row (or zeros): in JS, because the data must be in JS memory anyway and a
   * copy into wasm and back costs more than the fill (the engine never calls this on the wasm tier: WASM_LIMITS).
   */
  fillRows(c: Vec, bias: Vec | null): void {
    const g = this.args;
    const cOff = g[0]!, rows = g[1]!, cols = g[2]!, stride = g[3]!, biasOff = g[4]!;
    if (bias !== null) this.check2(c, bias);
    if (rows <= 0 || cols <= 0) return;
    if (!fits(cOff, rows, stride, cols, 1, c.length) || (bias !== null && !inside(biasOff, cols, bias.length))) throw rangeError('fillRows');
    for (let r = 0; r < rows; r++) {
      const o = cOff + r * stride;
      if (bias === null) c.fill(0, o, o + cols);
      else for (let j = 0; j < cols; j++) c[o + j] = bias[biasOff + j]!;
    }
  }

  /** Column sums in row order, in JS for the reason {@link fillRows} gives (the same sums bit for bit as js). */
  columnSums(out: Vec, src: Vec): void {
    const g = this.args;
    const outOff = g[0]!, srcOff = g[1]!, rows = Math.max(0, g[2]!), cols = g[3]!, stride = g[4]!;
    this.check2(out, src);
    if (cols <= 0) return;
    if (!inside(outOff, cols, out.length) || (rows > 0 && !fits(srcOff, rows, stride, cols, 1, src.length))) throw rangeError('columnSums');
    for (let j = 0; j < cols; j++) out[outOff + j] = 0;
    for (let r = 0; r < rows; r++) {
      const o = srcOff + r * stride;
      for (let j = 0; j < cols; j++) out[outOff + j] = out[outOff + j]! + src[o + j]!;
    }
  }

  rnnBackward(dOut: Vec | null, dh: Vec, h: Vec, dz: Vec): void {
    const g = this.args;
    const dOutOff = g[0]!, hOff = g[1]!, n = g[2]!, code = g[3]!;
    if (code !== 0 && code !== 1) throw new TypeError('rnnBackward: code must be 0 (tanh) or 1 (sigmoid)');
    const f64 = this.checkAll(dOut === null ? [dh, h, dz] : [dOut, dh, h, dz]);
    if ((dOut !== null && !inside(dOutOff, n, dOut.length)) || !inside(0, n, dh.length) || !inside(hOff, n, h.length) || !inside(hOff, n, dz.length)) throw rangeError('rnnBackward');
    this.mem.reset();
    const pOut = dOut === null ? 0 : this.mem.copyIn(dOut, dOutOff, n, f64);
    const pdh = this.mem.copyIn(dh, 0, n, f64);
    const ph = this.mem.copyIn(h, hOff, n, f64);
    if (f64) this.x.rnnBackward64(pOut, pdh, ph, pdh, n, code);
    else this.x.rnnBackward32(pOut, pdh, ph, pdh, n, code);
    this.mem.copyOut(pdh, dz, hOff, n, f64);
  }

  gruForward(z: Vec, rec: Vec, hPrev: Vec, cand: Vec, h: Vec): void {
    const g = this.args;
    const zOff = g[0]!, hPrevOff = g[1]!, stateOff = g[2]!, batch = g[3]!, u = g[4]!;
    const rows = batch * u;
    const f64 = this.checkAll([z, rec, hPrev, cand, h]);
    if (batch < 0 || u < 0 || !inside(zOff, 3 * rows, z.length) || !inside(0, 3 * rows, rec.length) || !inside(hPrevOff, rows, hPrev.length) ||
      !inside(stateOff, rows, cand.length) || !inside(stateOff, rows, h.length)) throw rangeError('gruForward');
    this.mem.reset();
    const pz = this.mem.copyIn(z, zOff, 3 * rows, f64);
    const pr = this.mem.copyIn(rec, 0, 3 * rows, f64);
    const pp = this.mem.copyIn(hPrev, hPrevOff, rows, f64);
    const pc = this.mem.alloc(rows, f64), ph = this.mem.alloc(rows, f64);
    if (f64) this.x.gruForward64(pz, pr, pp, pc, ph, batch, u);
    else this.x.gruForward32(pz, pr, pp, pc, ph, batch, u);
    this.mem.copyOut(pz, z, zOff, 3 * rows, f64);
    this.mem.copyOut(pc, cand, stateOff, rows, f64);
    this.mem.copyOut(ph, h, stateOff, rows, f64);
  }

  // ---- argument checks (the addon's messages) ----

  private check3(c: Vec, a: Vec, b: Vec): boolean {
    const f64 = c instanceof Float64Array;
    if (!(f64 || c instanceof Float32Array) || a.constructor !== c.constructor || b.constructor !== c.constructor) {
      throw new TypeError('gemm(C, A, B): C, A and B must all be Float64Array or all Float32Array');
    }
    return f64;
  }

  private check2(a: Vec, b: Vec): boolean {
    return this.checkAll([a, b]);
  }

  private checkAll(arrays: readonly Vec[]): boolean {
    const first = arrays[0]!;
    for (const v of arrays) if (v.constructor !== first.constructor) throw new TypeError('wasm kernel: arrays must all be Float64Array or all Float32Array');
    if (!(first instanceof Float64Array || first instanceof Float32Array)) throw new TypeError('wasm kernel: arguments must be Float64Array or Float32Array');
    return first instanceof Float64Array;
  }
}

let loaded: NativeAddon | string | undefined;

/** The wasm tier's kernels, or why they could not be loaded (one line); compiled on the first call of a thread. */
export function loadWasmKernels(): NativeAddon | string {
  if (loaded !== undefined) return loaded;
  const runtime = (globalThis as { WebAssembly?: WasmRuntime }).WebAssembly;
  if (runtime === undefined) return (loaded = 'unavailable (this runtime has no WebAssembly)');
  let bytes: Buffer;
  try {
    bytes = readFileSync(MODULE);
  } catch {
    return (loaded = 'not built (run `npm run build:wasm`)');
  }
  try {
    const instance = new runtime.Instance(new runtime.Module(bytes), {});
    loaded = new WasmKernels(instance.exports as unknown as WasmExports);
  } catch (error) {
    // A CPU or runtime without SIMD128 rejects the module at compile time.
    loaded = `failed to load: ${(error as Error).message.split('\n')[0]}`;
  }
  return loaded;
}
