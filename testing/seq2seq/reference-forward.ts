import type { WeightTensor } from '../../src-main/contract/results.js';
import type { Seq2seqArchitecture } from '../../src-main/engine/seq2seq/types.js';

// An independent float64 forward pass of the encoder–decoder, one pair at a time, written as plain loops from
// the formulas (Keras LSTM, gates i, f, c, o; Bahdanau attention with input feeding) — the oracle the tfjs
// engine's float32 graph is compared with.

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

type Weights = ReadonlyMap<string, WeightTensor>;

/** x·W for a row vector x [in] and W [in, out] (row-major). */
function vecMat(x: readonly number[], w: WeightTensor): number[] {
  const [rows, cols] = w.shape as [number, number];
  const out = new Array<number>(cols).fill(0);
  for (let i = 0; i < rows; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    for (let j = 0; j < cols; j++) out[j]! += xi * w.values[i * cols + j]!;
  }
  return out;
}

function lstm(weights: Weights, prefix: string, x: readonly number[], h: readonly number[], c: readonly number[]): [number[], number[]] {
  const u = h.length;
  const zx = vecMat(x, weights.get(`${prefix}.kernel`)!);
  const zh = vecMat(h, weights.get(`${prefix}.recurrentKernel`)!);
  const b = weights.get(`${prefix}.bias`)!.values;
  const z = zx.map((v, k) => v + zh[k]! + b[k]!);
  const cNext = c.map((cj, j) => sigmoid(z[u + j]!) * cj + sigmoid(z[j]!) * Math.tanh(z[2 * u + j]!));
  const hNext = cNext.map((cj, j) => sigmoid(z[3 * u + j]!) * Math.tanh(cj));
  return [hNext, cNext];
}

const oneHot = (id: number, size: number): number[] => Array.from({ length: size }, (_, k) => (k === id ? 1 : 0));

/** One direction of a layer over `xs` (already the real part only): outputs and final state. */
function run(weights: Weights, prefix: string, xs: readonly number[][], units: number): { outputs: number[][]; h: number[]; c: number[] } {
  let h = new Array<number>(units).fill(0);
  let c = new Array<number>(units).fill(0);
  const outputs: number[][] = [];
  for (const x of xs) {
    [h, c] = lstm(weights, prefix, x, h, c);
    outputs.push(h);
  }
  return { outputs, h, c };
}

/**
 * Teacher-forced distributions of one pair: the encoder over `source` ids (no padding), the decoder reading
 * `target` ids 0 … T − 2. Returns per decoder step the softmax over the target vocabulary and α (attention).
 */
export function referenceForward(a: Seq2seqArchitecture, list: readonly WeightTensor[], source: readonly number[], target: readonly number[]): { probs: number[][]; alpha: number[][] } {
  const weights: Weights = new Map(list.map((w) => [w.name, w]));
  let xs = source.map((id) => oneHot(id, a.sourceVocab));
  const hs: number[][] = [];
  const cs: number[][] = [];
  a.encoderUnits.forEach((u, i) => {
    if (!a.bidirectionalEncoder) {
      const r = run(weights, `encoder[${i}]`, xs, u);
      hs.push(r.h);
      cs.push(r.c);
      xs = r.outputs;
      return;
    }
    const fw = run(weights, `encoder[${i}].forward`, xs, u);
    const bw = run(weights, `encoder[${i}].backward`, [...xs].reverse(), u);
    const bwOut = [...bw.outputs].reverse();
    hs.push([...fw.h, ...bw.h]);
    cs.push([...fw.c, ...bw.c]);
    xs = fw.outputs.map((o, t) => [...o, ...bwOut[t]!]);
  });
  const memory = xs;
  let h = hs;
  let c = cs;
  const probs: number[][] = [];
  const alphas: number[][] = [];
  const top = a.decoderUnits.length - 1;
  for (let t = 0; t < target.length - 1; t++) {
    let input = oneHot(target[t]!, a.targetVocab);
    if (a.attention === 'bahdanau') {
      const q = vecMat(h[top]!, weights.get('attention.queryKernel')!);
      const v = weights.get('attention.scoreKernel')!.values;
      const scores = memory.map((m) => {
        const k = vecMat(m, weights.get('attention.keyKernel')!);
        return k.reduce((s, kj, j) => s + v[j]! * Math.tanh(kj + q[j]!), 0);
      });
      const max = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - max));
      const sum = e.reduce((x, y) => x + y, 0);
      const alpha = e.map((x) => x / sum);
      alphas.push(alpha);
      const context = memory[0]!.map((_, d) => memory.reduce((s, m, j) => s + alpha[j]! * m[d]!, 0));
      input = [...input, ...context];
    }
    const nh: number[][] = [];
    const nc: number[][] = [];
    a.decoderUnits.forEach((_, i) => {
      const [hi, ci] = lstm(weights, `decoder[${i}]`, input, h[i]!, c[i]!);
      nh.push(hi);
      nc.push(ci);
      input = hi;
    });
    h = nh;
    c = nc;
    const b = weights.get('output.bias')!.values;
    const logits = vecMat(input, weights.get('output.kernel')!).map((z, k) => z + b[k]!);
    const max = Math.max(...logits);
    const e = logits.map((z) => Math.exp(z - max));
    const sum = e.reduce((x, y) => x + y, 0);
    probs.push(e.map((x) => x / sum));
  }
  return { probs, alpha: alphas };
}
