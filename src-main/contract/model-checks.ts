import { innerOf, keepsSequence, layerOf, recordOf, type LayerOf, type ModelSpec } from './layers.js';

/** `model.layers[2].lstm` — the spec path of layer `i`. */
export const layerPath = (i: number, l: LayerOf): string => `model.layers[${i}].${l.kind}`;

/** Path and title of the setting that makes layer `j` return one row per sequence (its returnSequences). */
function returnSequencesOf(j: number, l: LayerOf): { path: string; title: string } | undefined {
  if (l.kind === 'bidirectional') {
    const inner = innerOf(l.config.layer);
    return { path: `${layerPath(j, l)}.layer.${inner.kind}.returnSequences`, title: `Bidirectional ${inner.record.title}` };
  }
  const record = recordOf(l);
  return record.recurrent ? { path: `${layerPath(j, l)}.returnSequences`, title: record.title } : undefined;
}

/**
 * The stack problems Keras itself refuses, one line each (`path: what is wrong; the fix`), in layer order:
 * a layer reading token ids (Embedding) that is not first; a recurrent layer whose input has no time axis
 * because an earlier recurrent layer returns only its last step. Empty when the stack is sound.
 */
export function stackProblems(model: ModelSpec | readonly LayerOf[]): string[] {
  const problems: string[] = [];
  // Engines hold the layers as `{ kind, config }` already; specs as `{ "lstm": {...} }`.
  const layers = 'layers' in model ? model.layers.map(layerOf) : model;
  let sequence = true;
  /** The layer that dropped the time axis, while it stays dropped. */
  let dropped: number | undefined;
  layers.forEach((l, i) => {
    const record = recordOf(l);
    if (record.readsTokens && i > 0) {
      problems.push(`${layerPath(i, l)}: an ${record.title} reads token ids, so it can only be the first layer; move it to model.layers[0]`);
    }
    if (record.recurrent && !sequence && dropped !== undefined) {
      const feeder = layers[dropped]!;
      const at = returnSequencesOf(dropped, feeder);
      const via = dropped === i - 1 ? '' : ` through model.layers[${dropped + 1}${dropped + 1 < i - 1 ? `..${i - 1}` : ''}]`;
      problems.push(
        at
          ? `${at.path}: this ${at.title} feeds another recurrent layer (${layerPath(i, l)})${via}, so it must return sequences; set "returnSequences": true`
          : `${layerPath(i, l)}: a recurrent layer needs sequences, but model.layers[${dropped}] gives one row per sequence; move it after the recurrent layers`,
      );
    }
    const next = keepsSequence(l, sequence);
    if (sequence && !next) dropped = i;
    sequence = next;
  });
  return problems;
}

/** What a model emits on inputs of `features` per step: width, whether per step, and its last layer. */
export interface ModelOutput {
  readonly width: number;
  /** True when the output keeps the time axis (one row per step), false for one row per sequence. */
  readonly sequence: boolean;
  /** Index, kind and spec path of the last layer that is not a Dropout (the one that shapes the output). */
  readonly index: number;
  readonly path: string;
  readonly title: string;
  /** Activation of that layer's output, when it has one (undefined for e.g. Bidirectional). */
  readonly activation: string | undefined;
  /** Whether any layer carries state across batches. */
  readonly stateful: boolean;
}

/** The output of a sound stack (check {@link stackProblems} first). */
export function modelOutput(model: ModelSpec, features: number): ModelOutput {
  const layers = model.layers.map(layerOf);
  let width = features;
  let sequence = true;
  let index = 0;
  let stateful = false;
  layers.forEach((l, i) => {
    const record = recordOf(l);
    width = record.outputWidth(l.config, width);
    sequence = record.keepsSequence(l.config, sequence);
    stateful ||= record.stateful?.(l.config) ?? false;
    if (record.weights(l.config, 1).length > 0 || record.recurrent) index = i;
  });
  const last = layers[index]!;
  const record = recordOf(last);
  return { width, sequence, index, path: layerPath(index, last), title: record.title, activation: record.outputActivation?.(last.config), stateful };
}
