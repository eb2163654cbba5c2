import { LabError } from '../../contract/errors.js';
import type { EngineChoice } from '../../contract/spec.js';
import type { KernelChoice } from '../kernels/tiers.js';
import type { Seq2seqEngine } from './types.js';
import { fusedPrecision } from '../fused/types.js';

/** The fused engine's arithmetic: storage precision and kernel tier (the spec's `precision` and `kernels`). */
export interface Seq2seqEngineOptions {
  readonly precision?: 'float64' | 'float32';
  readonly kernels?: KernelChoice;
}

/**
 * The engines that train encoder–decoders, by the spec's `engine` name, loaded lazily (a worker loads only the
 * one it runs). 'auto' prefers the fused engine, as engine/select.ts does for stacks; tfjs is the reference.
 */
const SEQ2SEQ_ENGINES: Partial<Record<Exclude<EngineChoice, 'auto'>, (o: Seq2seqEngineOptions) => Promise<Seq2seqEngine>>> = {
  fused: async (o) =>
    (await import('../fused/seq2seq/index.js')).createFusedSeq2seqEngine({ precision: fusedPrecision(o.precision), kernels: o.kernels ?? 'auto' }),
  tfjs: async () => (await import('../tfjs/seq2seq.js')).tfjsSeq2seqEngine,
};

/** Preference for `engine: "auto"`: the fast engine first when it is registered. */
const AUTO_ORDER: readonly Exclude<EngineChoice, 'auto'>[] = ['fused', 'tfjs'];

/** Names of the engines that train encoder–decoders now. */
export const seq2seqEngineNames = (): string[] => AUTO_ORDER.filter((n) => SEQ2SEQ_ENGINES[n] !== undefined);

/**
 * The encoder–decoder engine for the spec's `engine` choice: the named one, or for 'auto' the first of
 * {@link AUTO_ORDER} that is registered. Throws LabError('ENGINE_UNSUPPORTED') naming the field and the fix
 * for an engine that cannot train encoder–decoders (yet).
 */
export async function selectSeq2seqEngine(choice: EngineChoice, options: Seq2seqEngineOptions = {}): Promise<Seq2seqEngine> {
  const name = choice === 'auto' ? AUTO_ORDER.find((n) => SEQ2SEQ_ENGINES[n] !== undefined)! : choice;
  const load = SEQ2SEQ_ENGINES[name];
  if (!load) {
    throw new LabError('ENGINE_UNSUPPORTED', `engine: "${choice}" does not train encoder–decoders (model.seq2seq) yet; use "auto" or ${seq2seqEngineNames().map((n) => `"${n}"`).join(' or ')}`);
  }
  return load(options);
}
