import { seq2seqArchitecture } from '../engine/seq2seq/architecture.js';
import { seq2seqInferenceFiles } from '../engine/tfjs/seq2seq-inference-files.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../contract/errors.js';
import { isStateful, layerOf, recordOf, type ModelSpec } from '../contract/layers.js';
import type { WeightTensor } from '../contract/results.js';
import { layersModelFiles } from '../engine/tfjs/layers-model-files.js';
import { prepareTask } from '../runner/tasks/index.js';
import type { KeptTrial } from './trained-models.js';

/** Model export formats: TF.js Layers (`model.json` + `weights.bin`) and safetensors (every model). */
export const MODEL_FORMATS = ['tfjs', 'safetensors'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const CELLS: Readonly<Record<string, string>> = { lstm: 'lstm_cell', gru: 'gru_cell', simpleRNN: 'simple_rnn_cell' };

/**
 * Keras 2 weight names for the model's tensors, in order: `<layer>/<cell>/kernel`, e.g. `lstm_1/lstm_cell/kernel`,
 * `bidirectional_1/forward_lstm_1/lstm_cell/recurrent_kernel`, `dense_1/bias`, `embedding_1/embeddings` (layer
 * names count from 1 per kind, as `rnnlab summary` prints them).
 */
export function kerasWeightNames(model: ModelSpec, weights: readonly WeightTensor[]): string[] {
  if (model.seq2seq) return seq2seqKerasNames(model.seq2seq.encoder.length, model.seq2seq.bidirectionalEncoder, weights);
  const counters = new Map<string, number>();
  const layerNames = model.layers.map((layer) => {
    const l = layerOf(layer);
    const n = (counters.get(l.kind) ?? 0) + 1;
    counters.set(l.kind, n);
    return { name: `${recordOf(l).keras.prefix}_${n}`, l };
  });
  return weights.map((w) => {
    const m = /^layers\[(\d+)\]\.(\w+)\.(.+)$/.exec(w.name);
    const layer = m ? layerNames[Number(m[1])] : undefined;
    if (!m || !layer) throw new LabError('INTERNAL', `weight ${w.name}: not a layer weight name`);
    const parts = m[3]!.split('.');
    if (layer.l.kind === 'bidirectional') {
      const inner = layerOf((layer.l.config as { layer: Parameters<typeof layerOf>[0] }).layer);
      const direction = parts[0]!;
      return `${layer.name}/${direction}_${recordOf(inner).keras.prefix}_${layer.name.split('_').pop()}/${CELLS[inner.kind] ?? inner.kind}/${snake(parts[1]!)}`;
    }
    const cell = CELLS[layer.l.kind];
    return cell ? `${layer.name}/${cell}/${snake(parts[0]!)}` : `${layer.name}/${snake(parts[0]!)}`;
  });
}

/**
 * Keras names of an encoder–decoder's weights, as `rnnlab summary` names its layers: encoder LSTMs `lstm_1` … (or
 * `bidirectional_k/forward_lstm_k/…`), decoder LSTMs numbered after them, `bahdanau_attention_1/query_kernel`,
 * `key_kernel`, `score_kernel`, and `dense_1/kernel`, `dense_1/bias`.
 */
function seq2seqKerasNames(encoderLayers: number, bidirectional: boolean, weights: readonly WeightTensor[]): string[] {
  return weights.map((w) => {
    const enc = /^encoder\[(\d+)\](?:\.(forward|backward))?\.(\w+)$/.exec(w.name);
    if (enc) {
      const k = Number(enc[1]) + 1;
      return bidirectional ? `bidirectional_${k}/${enc[2]}_lstm_${k}/lstm_cell/${snake(enc[3]!)}` : `lstm_${k}/lstm_cell/${snake(enc[3]!)}`;
    }
    const dec = /^decoder\[(\d+)\]\.(\w+)$/.exec(w.name);
    if (dec) return `lstm_${Number(dec[1]) + 1 + (bidirectional ? 0 : encoderLayers)}/lstm_cell/${snake(dec[2]!)}`;
    const other = /^(attention|output)\.(\w+)$/.exec(w.name);
    if (other) return `${other[1] === 'attention' ? 'bahdanau_attention_1' : 'dense_1'}/${snake(other[2]!)}`;
    throw new LabError('INTERNAL', `weight ${w.name}: not an encoder–decoder weight name`);
  });
}

/**
 * The safetensors bytes of a trial's weights: an 8-byte little-endian header length, the JSON header (name →
 * dtype, shape, byte offsets; `__metadata__` with the spec), then the tensors' little-endian bytes. Hand-written:
 * the format is these three parts, and npm's only writer is a 0.0.1 placeholder. `dtype` F32 (Keras' float32)
 * by default, F64 to keep the stored values bit for bit.
 */
export function safetensorsBytes(kept: KeptTrial, dtype: 'F32' | 'F64' = 'F32'): Buffer {
  const names = kerasWeightNames(kept.config.model, kept.weights);
  const width = dtype === 'F32' ? 4 : 8;
  const header: Record<string, unknown> = {
    __metadata__: { format: 'pt', generator: 'RNN Lab', experiment: kept.experiment.name, repeat: String(kept.trial.repeatIndex + 1), spec: JSON.stringify(kept.config) },
  };
  let offset = 0;
  kept.weights.forEach((w, i) => {
    header[names[i]!] = { dtype, shape: [...w.shape], data_offsets: [offset, offset + w.values.length * width] };
    offset += w.values.length * width;
  });
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8); // the spec allows trailing spaces; aligned data is kinder to readers
  const head = Buffer.from(json, 'utf8');
  const out = Buffer.alloc(8 + head.length + offset);
  out.writeBigUInt64LE(BigInt(head.length), 0);
  head.copy(out, 8);
  let at = 8 + head.length;
  for (const w of kept.weights) {
    for (const v of w.values) {
      if (dtype === 'F32') out.writeFloatLE(v, at);
      else out.writeDoubleLE(v, at);
      at += width;
    }
  }
  return out;
}

/**
 * Writes a trial's model to `dir` in `format`: `tfjs` — TF.js Layers `model.json` + `weights.bin` (load with
 * `tf.loadLayersModel`), saved by tfjs itself from the model built with the kept weights, batch size free unless
 * a layer is stateful (an encoder–decoder: the seed's two inference models, `encoder/` and `decoder/`);
 * `safetensors` — `model.safetensors` with Keras weight names. `artifacts` (the trial's: a translator's vocabularies)
 * go into the TF.js metadata. Returns the files written.
 */
export async function exportModel(kept: KeptTrial, format: ModelFormat, dir: string, artifacts: Readonly<Record<string, unknown>> = {}): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  if (format === 'safetensors') {
    const file = join(dir, 'model.safetensors');
    writeFileSync(file, safetensorsBytes(kept));
    return [file];
  }
  const { config } = kept;
  if (config.model.seq2seq) return exportSeq2seqInference(kept, dir, artifacts);
  const input = prepareTask(config).input;
  const stateful = config.model.layers.some((layer) => isStateful(layerOf(layer)));
  const files = await layersModelFiles(config.model, { batchSize: config.training.batchSize, steps: input.steps, features: input.features }, kept.weights, config.backend, !stateful, {
    experiment: kept.experiment.name,
    repeat: kept.trial.repeatIndex + 1,
  }).catch((error: unknown) => {
    if (!(error instanceof LabError) || error.code !== 'ENGINE_UNSUPPORTED') throw error;
    // The build names the layer and what tfjs lacks; the engine advice in it does not apply to an export.
    const what = error.message.replace(/; use engine .*$/, '');
    throw new LabError('ENGINE_UNSUPPORTED', `--format tfjs: ${what}, so TF.js could not load this model; export it with --format safetensors`);
  });
  const paths = [join(dir, 'model.json'), join(dir, 'weights.bin')];
  writeFileSync(paths[0]!, files.modelJson);
  writeFileSync(paths[1]!, files.weightsBin);
  return paths;
}

/** An encoder–decoder as the seed's two TF.js inference models, in `dir/encoder` and `dir/decoder`, with its vocabularies. */
async function exportSeq2seqInference(kept: KeptTrial, dir: string, artifacts: Readonly<Record<string, unknown>>): Promise<string[]> {
  const spec = kept.config.model.seq2seq!;
  const shape = (name: string) => kept.weights.find((w) => w.name === name)?.shape ?? [];
  const architecture = seq2seqArchitecture(spec, shape('encoder[0].kernel')[0] ?? shape('encoder[0].forward.kernel')[0]!, shape('output.bias')[0]!);
  const vocab = artifacts.vocab as { source?: unknown; target?: unknown } | undefined;
  const files = await seq2seqInferenceFiles(architecture, kept.weights, kept.config.backend, {
    experiment: kept.experiment.name,
    repeat: kept.trial.repeatIndex + 1,
    ...(vocab ? { sourceCharacters: vocab.source, targetCharacters: vocab.target } : {}),
    ...(typeof artifacts.maxTargetLength === 'number' ? { maxTargetLength: artifacts.maxTargetLength } : {}),
    start: '\t',
    end: '\n',
  });
  const written: string[] = [];
  for (const [part, f] of Object.entries(files)) {
    mkdirSync(join(dir, part), { recursive: true });
    const json = join(dir, part, 'model.json');
    const bin = join(dir, part, 'weights.bin');
    writeFileSync(json, f.modelJson);
    writeFileSync(bin, f.weightsBin);
    written.push(json, bin);
  }
  return written;
}
