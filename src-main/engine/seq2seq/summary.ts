import type { ModelSummary, SummaryRow } from '../summary.js';
import { seq2seqWeightLayout, type Seq2seqArchitecture } from './types.js';

/** A row of a functional model's summary: a layer, its output shape(s), its weights and the tensors it reads. */
export interface FunctionalRow extends SummaryRow {
  /** Keras' "Connected to": `layer[node][tensor]` of each input, e.g. `['input_2[0][0]', 'lstm_1[0][1]', 'lstm_1[0][2]']`. */
  readonly connectedTo: readonly string[];
}

export interface FunctionalSummary extends ModelSummary {
  readonly rows: readonly FunctionalRow[];
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The Keras 2 functional `model.summary()` of the training model of an encoder–decoder (the seed's
 * `Model([encoder_inputs, decoder_inputs], decoder_outputs)`): two inputs of one-hot characters with any
 * number of steps (None), the encoder LSTMs (return_state), the decoder LSTMs started from their states, the
 * attention (Bahdanau, input feeding: not a Keras layer, shown as `bahdanau_attention_1`) and the softmax Dense.
 * Parameter counts come from {@link seq2seqWeightLayout}, so they are the weights the engines train.
 */
export function seq2seqSummary(a: Seq2seqArchitecture): FunctionalSummary {
  const layout = seq2seqWeightLayout(a);
  const params = (prefix: string) => layout.filter((w) => w.name.startsWith(prefix)).reduce((s, w) => s + size(w.shape), 0);
  const counters = new Map<string, number>();
  const named = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}_${n}`;
  };
  const rows: FunctionalRow[] = [];
  const encoderInput = named('input');
  const decoderInput = named('input');
  rows.push({ name: `${encoderInput} (InputLayer)`, outputShape: `[(None, None, ${a.sourceVocab})]`, params: 0, connectedTo: [] });
  rows.push({ name: `${decoderInput} (InputLayer)`, outputShape: `[(None, None, ${a.targetVocab})]`, params: 0, connectedTo: [] });
  const attention = a.attention === 'bahdanau';
  // The tensors each encoder layer hands over: [sequence output, h, c] as `layer[0][k]` references.
  const states: { h: string; c: string }[] = [];
  let previous = `${encoderInput}[0][0]`;
  let encoderOutput = '';
  a.encoderUnits.forEach((u, i) => {
    const last = i === a.encoderUnits.length - 1;
    const sequence = !last || attention;
    if (a.bidirectionalEncoder) {
      const name = named('bidirectional');
      const seq = sequence ? `(None, None, ${2 * u})` : `(None, ${2 * u})`;
      rows.push({ name: `${name} (Bidirectional)`, outputShape: `[${seq}, (None, ${u}), (None, ${u}), (None, ${u}), (None, ${u})]`, params: params(`encoder[${i}].`), connectedTo: [previous] });
      const h = named('concatenate');
      rows.push({ name: `${h} (Concatenate)`, outputShape: `(None, ${2 * u})`, params: 0, connectedTo: [`${name}[0][1]`, `${name}[0][3]`] });
      const c = named('concatenate');
      rows.push({ name: `${c} (Concatenate)`, outputShape: `(None, ${2 * u})`, params: 0, connectedTo: [`${name}[0][2]`, `${name}[0][4]`] });
      states.push({ h: `${h}[0][0]`, c: `${c}[0][0]` });
      previous = `${name}[0][0]`;
    } else {
      const name = named('lstm');
      const seq = sequence ? `(None, None, ${u})` : `(None, ${u})`;
      rows.push({ name: `${name} (LSTM)`, outputShape: `[${seq}, (None, ${u}), (None, ${u})]`, params: params(`encoder[${i}].`), connectedTo: [previous] });
      states.push({ h: `${name}[0][1]`, c: `${name}[0][2]` });
      previous = `${name}[0][0]`;
    }
    encoderOutput = previous;
  });
  const attentionName = attention ? named('bahdanau_attention') : '';
  previous = `${decoderInput}[0][0]`;
  a.decoderUnits.forEach((u, i) => {
    const name = named('lstm');
    const inputs = [previous, ...(i === 0 && attention ? [`${attentionName}[0][0]`] : []), states[i]!.h, states[i]!.c];
    rows.push({ name: `${name} (LSTM)`, outputShape: `[(None, None, ${u}), (None, ${u}), (None, ${u})]`, params: params(`decoder[${i}].`), connectedTo: inputs });
    if (i === 0 && attention) {
      const top = a.encoderUnits[a.encoderUnits.length - 1]!;
      // Listed before the decoder it feeds; it also reads the decoder's previous top state (a loop Keras'
      // summary cannot show), so only the encoder's outputs are named.
      rows.splice(rows.length - 1, 0, { name: `${attentionName} (BahdanauAttention)`, outputShape: `(None, None, ${a.bidirectionalEncoder ? 2 * top : top})`, params: params('attention.'), connectedTo: [encoderOutput] });
    }
    previous = `${name}[0][0]`;
  });
  const dense = named('dense');
  rows.push({ name: `${dense} (Dense)`, outputShape: `(None, None, ${a.targetVocab})`, params: params('output.'), connectedTo: [previous] });
  const total = rows.reduce((s, r) => s + r.params, 0);
  return { rows, total, trainable: total, nonTrainable: 0 };
}

/** `1226752` → `1,226,752` (Keras' `{:,}`). */
const thousands = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Keras 2's functional summary table as text: columns at 32, 53, 65 of 98 characters (widened when a cell does
 * not fit, where Keras would wrap it), one row per layer with its "Connected to" list, `=` rules around the
 * body and the parameter totals.
 */
export function formatFunctionalSummary(s: FunctionalSummary): string {
  const w1 = Math.max(32, ...s.rows.map((r) => r.name.length + 2)); // a leading space, as Keras indents names
  const w2 = Math.max(21, ...s.rows.map((r) => r.outputShape.length + 1));
  const w3 = 12;
  const cells = s.rows.map((r) => `[${r.connectedTo.map((c) => `'${c}'`).join(', ')}]`);
  const w4 = Math.max(33, ...cells.map((c) => c.length));
  const width = w1 + w2 + w3 + w4;
  const line = (a: string, b: string, c: string, d: string) => (a.padEnd(w1) + b.padEnd(w2) + c.padEnd(w3) + d).trimEnd();
  const out = ['_'.repeat(width), line(' Layer (type)', 'Output Shape', 'Param #', 'Connected to'), '='.repeat(width)];
  s.rows.forEach((r, i) => {
    out.push(line(` ${r.name}`, r.outputShape, String(r.params), cells[i]!), '');
  });
  out.pop();
  out.push('='.repeat(width), `Total params: ${thousands(s.total)}`, `Trainable params: ${thousands(s.trainable)}`, `Non-trainable params: ${thousands(s.nonTrainable)}`, '_'.repeat(width));
  return out.join('\n');
}
