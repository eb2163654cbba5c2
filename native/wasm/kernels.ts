// Entry of the wasm kernel tier (built by scripts/build-wasm.mjs into native/wasm-build/rnnlab_kernels.wasm,
// loaded by src-main/engine/kernels/wasm-kernels.ts): the matrix product and the cell kernels, and where free
// linear memory starts (the JS side lays out pack buffers and operands from there).
export { gemm32, gemm64, KC, MC, NC } from './gemm';
export {
  activate32, activate64, lstmForward32, lstmForward64, lstmBackward32, lstmBackward64,
  rnnBackward32, rnnBackward64, gruForward32, gruForward64,
} from './cells';

/** The first byte after the module's static data (16-byte aligned). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
