/**
 * The wasm tier's scratch in linear memory (engine/kernels/wasm-kernels.ts): a bump allocator from a fixed start
 * (reset before each kernel call), typed views that are re-made when memory grows, and the copies of the engine's
 * strided views in and out. Only the rows a view covers are copied.
 */
import type { Vec } from '../fused/types.js';

/** The part of WebAssembly.Memory used here (the project's lib has no DOM types, @types/node 20 lacks them). */
export interface LinearMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Scratch space from byte `start` of `memory`, with float32 and float64 views over all of it. */
export class WasmScratch {
  f32: Float32Array;
  f64: Float64Array;
  private top: number;
  /** Strides (elements) of the last view {@link put} placed. */
  rowStep = 0;
  colStep = 0;

  constructor(
    private readonly memory: LinearMemory,
    private readonly start: number,
  ) {
    this.top = start;
    this.f32 = new Float32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
    this.ensure(start);
  }

  /** Frees every block (the start of each kernel call). */
  reset(): void {
    this.top = this.start;
  }

  /** Makes linear memory at least `bytes` long (re-making the views: growing detaches the old buffer). */
  ensure(bytes: number): void {
    const memory = this.memory;
    if (bytes <= memory.buffer.byteLength) return;
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    this.f32 = new Float32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
  }

  /** Reserves `count` elements of scratch (16-byte aligned); returns the byte address. */
  alloc(count: number, f64: boolean): number {
    const p = this.top;
    this.top = align(p + count * (f64 ? 8 : 4));
    this.ensure(this.top);
    return p;
  }

  /** Copies src[off .. off + count) into scratch; returns the byte address. */
  copyIn(src: Vec, off: number, count: number, f64: boolean): number {
    const p = this.alloc(count, f64);
    if (f64) this.f64.set(src.subarray(off, off + count), p >> 3);
    else this.f32.set(src.subarray(off, off + count), p >> 2);
    return p;
  }

  /** Copies count elements at byte address p into dst from off. */
  copyOut(p: number, dst: Vec, off: number, count: number, f64: boolean): void {
    if (f64) dst.set(this.f64.subarray(p >> 3, (p >> 3) + count), off);
    else dst.set(this.f32.subarray(p >> 2, (p >> 2) + count), off);
  }

  /**
   * Places the rows×cols view of `src` (element (i, j) at off + i·rs + j·cs) in scratch and returns its byte
   * address, leaving its strides there in rowStep / colStep. A view with one unit stride is stored rows of
   * contiguous values (a transpose is the other orientation): copied whole when its gaps are small, row by row
   * otherwise (a time step's slice of [batch, T, features]); any other view is gathered element by element.
   */
  put(src: Vec, off: number, rows: number, cols: number, rs: number, cs: number, f64: boolean): number {
    if (rows === 0 || cols === 0) {
      this.rowStep = cols;
      this.colStep = 1;
      return this.alloc(0, f64);
    }
    let lines: number, width: number, stride: number, transposed: boolean;
    if (cs === 1 || cols === 1) [lines, width, stride, transposed] = [rows, cols, rows === 1 ? cols : rs, false];
    else if (rs === 1 || rows === 1) [lines, width, stride, transposed] = [cols, rows, cols === 1 ? rows : cs, true];
    else {
      const p = this.alloc(rows * cols, f64);
      const heap = f64 ? this.f64 : this.f32;
      let o = p >> (f64 ? 3 : 2);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) heap[o++] = src[off + i * rs + j * cs]!;
      this.rowStep = cols;
      this.colStep = 1;
      return p;
    }
    const span = (lines - 1) * stride + width;
    let p: number;
    if (stride === width || span <= 2 * lines * width) {
      p = this.alloc(span, f64);
      const heap = f64 ? this.f64 : this.f32;
      heap.set(src.subarray(off, off + span), p >> (f64 ? 3 : 2));
    } else {
      p = this.alloc(lines * width, f64);
      const heap = f64 ? this.f64 : this.f32;
      copyRowsIn(heap, p >> (f64 ? 3 : 2), width, src, off, stride, lines, width);
      stride = width;
    }
    this.rowStep = transposed ? 1 : stride;
    this.colStep = transposed ? stride : 1;
    return p;
  }
}

/** `bytes` rounded up to a multiple of 16 (the alignment of every scratch block). */
export const align = (bytes: number): number => (bytes + 15) & ~15;

/** True when the view (off, rows × cols, strides) lies inside an array of `length` (the addon's `fits`). */
export function fits(off: number, rows: number, rowStride: number, cols: number, colStride: number, length: number): boolean {
  if (off < 0 || rowStride < 0 || colStride < 0) return false;
  return off + (rows - 1) * rowStride + (cols - 1) * colStride < length;
}

/** True when [off, off + count) lies inside an array of `length`. */
export function inside(off: number, count: number, length: number): boolean {
  return off >= 0 && count >= 0 && off + count <= length;
}

/** Short rows are copied element by element (a subarray per row costs more than a few stores). */
const SHORT_ROW = 32;

/** Copies `lines` rows of `width` from src (row stride `stride`) into heap at `at` (row stride atStride). */
function copyRowsIn(heap: Vec, at: number, atStride: number, src: Vec, off: number, stride: number, lines: number, width: number): void {
  for (let r = 0; r < lines; r++) {
    const s = off + r * stride;
    const d = at + r * atStride;
    if (width < SHORT_ROW) for (let j = 0; j < width; j++) heap[d + j] = src[s + j]!;
    else heap.set(src.subarray(s, s + width), d);
  }
}

/** Writes rows × cols from heap (element index `at`, row stride atStride) into dst at off (row stride stride). */
export function copyRowsOut(heap: Vec, at: number, atStride: number, dst: Vec, off: number, stride: number, rows: number, cols: number): void {
  if (atStride === cols && stride === cols) {
    dst.set(heap.subarray(at, at + rows * cols), off);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const s = at + r * atStride;
    const d = off + r * stride;
    if (cols < SHORT_ROW) for (let j = 0; j < cols; j++) dst[d + j] = heap[s + j]!;
    else dst.set(heap.subarray(s, s + cols), d);
  }
}
