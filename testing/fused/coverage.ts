import { Activation, BUILTIN_LAYER_KINDS, keepsSequence, layerOf, ModelSpec, recurrentOf, type LayerKind, type LayerOf, type LayerSpec } from '../../src-main/contract/layers.js';
import type { FusedLossName } from '../../src-main/engine/fused/types.js';
import type { GradientCase } from './cases.js';

type Recurrent = Extract<LayerOf, { kind: 'simpleRNN' | 'lstm' | 'gru' }>;

/** A recurrent layer's name in the coverage list: GRU counts twice (reset_after and reset_before are two cells). */
function cellName(l: Recurrent): string {
  return l.kind === 'gru' ? `gru ${l.config.resetAfter ? 'reset_after' : 'reset_before'}` : l.kind;
}

/** What one gradient case exercises: layer kinds and their options, masking, state, dropout, losses. */
export function caseFeatures(c: GradientCase): Set<string> {
  const out = new Set<string>();
  const masked = c.lengths !== undefined;
  const layers = ModelSpec.parse({ layers: c.layers as LayerSpec[] }).layers.map(layerOf);
  const recurrent = (l: Recurrent, prefix: string) => {
    const name = cellName(l);
    out.add(`${prefix}${name}`);
    out.add(`${name} activation ${l.config.activation}`);
    if (l.kind !== 'simpleRNN') out.add(`${name} recurrentActivation ${l.config.recurrentActivation}`);
    if (!l.config.useBias) out.add(`${name} without bias`);
    if (l.config.returnSequences) out.add(`${name} returnSequences`);
    if (l.config.stateful && c.warm) out.add(`${name} stateful, from a carried state`);
    if (masked) out.add(`${prefix}${name} masked`);
  };
  let sequence = true;
  layers.forEach((l, i) => {
    switch (l.kind) {
      case 'simpleRNN':
      case 'lstm':
      case 'gru':
        recurrent(l, '');
        break;
      case 'bidirectional':
        recurrent(recurrentOf(l.config.layer) as Recurrent, 'bidirectional ');
        out.add(`bidirectional mergeMode ${l.config.mergeMode}`);
        break;
      case 'dense':
        out.add(`dense activation ${l.config.activation}`);
        if (!l.config.useBias) out.add('dense without bias');
        if (i === 0) out.add('dense first (on the input sequence)');
        break;
      case 'embedding':
        out.add(masked ? 'embedding masked' : 'embedding');
        break;
      case 'dropout':
        out.add(l.config.rate === 0 ? 'dropout rate 0' : masked ? 'dropout rate > 0 masked' : 'dropout rate > 0');
        if (i === 0) out.add('dropout first (on the input sequence)');
        break;
    }
    sequence = keepsSequence(l, sequence);
  });
  out.add(`loss ${c.loss} ${sequence ? 'per step' : 'last step'}${masked && sequence ? ' masked' : ''}`);
  if (c.rows !== undefined && c.rows < c.batchSize) out.add('partial batch');
  return out;
}

// Exhaustive over the contract: adding a layer kind or loss fails to compile until it is listed here.
const KINDS: Record<LayerKind, true> = { simpleRNN: true, lstm: true, gru: true, dense: true, embedding: true, dropout: true, bidirectional: true };
const LOSSES: Record<FusedLossName, true> = { mse: true, mae: true, categoricalCrossentropy: true, sparseCategoricalCrossentropy: true };

/**
 * Everything the finite-difference suites must exercise, derived from the contract's schemas (a new activation
 * or merge mode extends it): every cell (SimpleRNN, LSTM, GRU reset_after and reset_before) plain, without bias,
 * returning sequences, stateful from a carried state, masked, inside Bidirectional (masked too) and with every
 * activation (softmax, which the fused engine refuses inside a cell, excepted) as its activation and gate
 * activation; Dense with every activation, without bias and first; Embedding and Dropout (rate 0 and > 0), with
 * and without masking; every merge mode; every loss on a last step, per step and per step masked; a partial batch.
 */
export function requiredFeatures(): string[] {
  void KINDS;
  const cellActivations = Activation.options.filter((a) => a !== 'softmax');
  const cells = ['simpleRNN', 'lstm', 'gru reset_after', 'gru reset_before'];
  const out: string[] = [];
  for (const name of cells) {
    out.push(name, `${name} without bias`, `${name} returnSequences`, `${name} stateful, from a carried state`, `${name} masked`, `bidirectional ${name}`, `bidirectional ${name} masked`);
    for (const a of cellActivations) out.push(`${name} activation ${a}`);
    if (name !== 'simpleRNN') for (const a of cellActivations) out.push(`${name} recurrentActivation ${a}`);
  }
  for (const a of Activation.options) out.push(`dense activation ${a}`);
  out.push('dense without bias', 'dense first (on the input sequence)');
  out.push('embedding', 'embedding masked', 'dropout rate 0', 'dropout rate > 0', 'dropout rate > 0 masked', 'dropout first (on the input sequence)');
  for (const m of BUILTIN_LAYER_KINDS.bidirectional.schema.shape.mergeMode.unwrap().options) out.push(`bidirectional mergeMode ${m}`);
  for (const loss of Object.keys(LOSSES)) out.push(`loss ${loss} last step`, `loss ${loss} per step`, `loss ${loss} per step masked`);
  out.push('partial batch');
  return out;
}

/** The required features no case of `cases` exercises ([] when every one is covered). */
export function missingFeatures(cases: readonly GradientCase[]): string[] {
  const covered = new Set(cases.flatMap((c) => [...caseFeatures(c)]));
  return requiredFeatures().filter((f) => !covered.has(f));
}
