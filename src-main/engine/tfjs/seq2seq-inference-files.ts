import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../contract/errors.js';
import type { BackendChoice } from '../../contract/spec.js';
import type { WeightTensor } from '../sequence-model.js';
import type { Seq2seqArchitecture } from '../seq2seq/types.js';
import { useBackend } from './backend.js';
import { savedFiles, type LayersModelFiles } from './layers-model-files.js';

/**
 * The seed's two inference models of a trained encoder–decoder (Keras lstm_seq2seq, seed 004), as tfjs layers:
 * - encoder: one-hot source [batch, steps, sourceVocab] → Masking (all-zero rows are padding) → the LSTM stack,
 *   each layer returning its final state → outputs [h₀, c₀, h₁, c₁, …];
 * - decoder: one-hot target characters [batch, steps, targetVocab] and every layer's [h, c] → the LSTM stack started
 *   from them (returning sequences and states) → Dense softmax → outputs [probs, h₀′, c₀′, …].
 * Greedy decoding is the seed's decode_sequence: encode, then feed `\t` and each argmax back with the states.
 * Attention and a bidirectional encoder are refused (TF.js has no Bahdanau layer, and the seed's inference models
 * are the plain ones): one line naming the field and `--format safetensors`.
 */
export async function seq2seqInferenceFiles(
  a: Seq2seqArchitecture,
  weights: readonly WeightTensor[],
  backend: BackendChoice,
  metadata: Record<string, unknown>,
): Promise<{ encoder: LayersModelFiles; decoder: LayersModelFiles }> {
  if (a.attention !== 'none' || a.bidirectionalEncoder) {
    const field = a.attention !== 'none' ? 'model.seq2seq.attention: "bahdanau"' : 'model.seq2seq.bidirectionalEncoder';
    throw new LabError('REQUEST_INVALID', `--format tfjs: ${field} has no TF.js layer, so only the plain encoder–decoder exports as TF.js inference models; export it with --format safetensors`);
  }
  await useBackend(backend);
  const named = new Map(weights.map((w) => [w.name, w]));
  const made: tf.Tensor[] = [];
  const tensor = (name: string) => {
    const w = named.get(name);
    if (!w) throw new LabError('INTERNAL', `seq2seq export: weight ${name} is missing`);
    const t = tf.tensor(Float32Array.from(w.values), [...w.shape]);
    made.push(t);
    return t;
  };
  const lstm = (units: number, name: string) =>
    tf.layers.lstm({ units, returnState: true, returnSequences: true, recurrentActivation: 'sigmoid', activation: 'tanh', name });
  const setLstm = (layer: tf.layers.Layer, prefix: string) => layer.setWeights(['kernel', 'recurrentKernel', 'bias'].map((k) => tensor(`${prefix}.${k}`)));

  // Encoder.
  const source = tf.input({ shape: [null, a.sourceVocab], name: 'encoder_inputs' });
  let x = tf.layers.masking({ maskValue: 0, name: 'padding' }).apply(source) as tf.SymbolicTensor;
  const states: tf.SymbolicTensor[] = [];
  const encoderLayers = a.encoderUnits.map((u, i) => lstm(u, `encoder_lstm_${i + 1}`));
  encoderLayers.forEach((layer) => {
    const [seq, h, c] = layer.apply(x) as tf.SymbolicTensor[];
    x = seq!;
    states.push(h!, c!);
  });
  const encoder = tf.model({ inputs: source, outputs: states, name: 'encoder' });
  encoderLayers.forEach((layer, i) => setLstm(layer, `encoder[${i}]`));

  // Decoder, one or more steps from given states.
  const target = tf.input({ shape: [null, a.targetVocab], name: 'decoder_inputs' });
  const stateInputs = a.decoderUnits.flatMap((u, i) => [tf.input({ shape: [u], name: `decoder_h${i}` }), tf.input({ shape: [u], name: `decoder_c${i}` })]);
  let y: tf.SymbolicTensor = target;
  const newStates: tf.SymbolicTensor[] = [];
  const decoderLayers = a.decoderUnits.map((u, i) => lstm(u, `decoder_lstm_${i + 1}`));
  decoderLayers.forEach((layer, i) => {
    const [seq, h, c] = layer.apply(y, { initialState: [stateInputs[2 * i]!, stateInputs[2 * i + 1]!] }) as tf.SymbolicTensor[];
    y = seq!;
    newStates.push(h!, c!);
  });
  const dense = tf.layers.dense({ units: a.targetVocab, activation: 'softmax', name: 'decoder_dense' });
  const probs = dense.apply(y) as tf.SymbolicTensor;
  const decoder = tf.model({ inputs: [target, ...stateInputs], outputs: [probs, ...newStates], name: 'decoder' });
  decoderLayers.forEach((layer, i) => setLstm(layer, `decoder[${i}]`));
  dense.setWeights([tensor('output.kernel'), tensor('output.bias')]);
  try {
    return {
      encoder: await savedFiles(encoder, { ...metadata, part: 'encoder', outputs: 'h, c of each encoder layer, in order' }),
      decoder: await savedFiles(decoder, { ...metadata, part: 'decoder', inputs: 'one-hot characters, then h, c of each decoder layer', outputs: 'probabilities, then the new h, c' }),
    };
  } finally {
    encoder.dispose();
    decoder.dispose();
    tf.dispose(made);
  }
}
