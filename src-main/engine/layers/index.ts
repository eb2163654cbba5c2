import type * as TF from '@tensorflow/tfjs';
import { layerKind, type LayerKind, type LayerOf } from '../../contract/layers.js';
import { layerPath, stackProblems } from '../../contract/model-checks.js';
import type { FusedLayer } from '../fused/types.js';
import type { InputShape } from '../sequence-model.js';
import { bidirectionalEngines } from './bidirectional.js';
import { denseEngines } from './dense.js';
import { dropoutEngines } from './dropout.js';
import { embeddingEngines } from './embedding.js';
import { gruEngines, lstmEngines, simpleRnnEngines } from './recurrent.js';
import type { EngineLayerRecord, LayerPlace } from './types.js';

type ConfigOf<K extends LayerKind> = Extract<LayerOf, { kind: K }>['config'];

/**
 * The engines' builders of every layer kind. A mapped type over `LayerKind`: adding a kind to the contract's
 * registry without an entry here is a compile error (no `default:` can hide it).
 */
const ENGINE_LAYERS: { readonly [K in LayerKind]: EngineLayerRecord<ConfigOf<K>> } = {
  simpleRNN: simpleRnnEngines,
  lstm: lstmEngines,
  gru: gruEngines,
  dense: denseEngines,
  embedding: embeddingEngines,
  dropout: dropoutEngines,
  bidirectional: bidirectionalEngines,
};

/** The engines' record of a kind; a kind registered at run time without builders gets "missing" for both. */
export function engineLayer(kind: string): EngineLayerRecord<unknown> {
  const record = (ENGINE_LAYERS as Record<string, EngineLayerRecord<unknown>>)[kind];
  if (record) return record;
  const title = layerKind(kind)?.title ?? kind;
  const missing = `${title} layers have no implementation in this engine`;
  return { fused: { missing }, tfjs: { missing } };
}

/** Why `engine` cannot run layer `l` (one line with the fix), or undefined when it can. */
export function engineProblem(engine: 'fused' | 'tfjs', l: LayerOf): string | undefined {
  const b = engineLayer(l.kind)[engine];
  return 'missing' in b ? b.missing : b.unsupported?.(l.config);
}

/**
 * Why `engine` cannot run this stack (one line: spec path, problem, fix), or null when it can: the stack must
 * be sound (contract/model-checks) and each layer's kind and settings implemented by the engine's builder.
 */
export function stackUnsupported(engine: 'fused' | 'tfjs', layers: readonly LayerOf[]): string | null {
  const stack = stackProblems(layers);
  if (stack.length) return stack[0]!;
  for (const [i, l] of layers.entries()) {
    const problem = engineProblem(engine, l);
    if (problem) return `${layerPath(i, l)}: ${problem}`;
  }
  return null;
}

/** The fused builder of a layer (checked with {@link engineProblem} first). */
export function fusedBuilder(l: LayerOf): (at: LayerPlace) => FusedLayer {
  const b = engineLayer(l.kind).fused;
  if ('missing' in b) throw new TypeError(`fused engine: ${b.missing}`);
  return (at) => b.build(l.config, at);
}

/** The tfjs builder of a layer (checked with {@link engineProblem} first). */
export function tfjsBuilder(l: LayerOf): (tf: typeof TF, input: InputShape | undefined) => TF.layers.Layer {
  const b = engineLayer(l.kind).tfjs;
  if ('missing' in b) throw new TypeError(`tfjs engine: ${b.missing}`);
  return (tf, input) => b.build(tf, l.config, input);
}

export type { EngineLayerRecord, FusedBuilder, LayerPlace, TfjsBuilder } from './types.js';
