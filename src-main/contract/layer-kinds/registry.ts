import { z } from 'zod';
import { chosen, oneOf, type Chosen } from '../one-of.js';
import { bidirectionalKind } from './bidirectional.js';
import { denseKind } from './dense.js';
import { dropoutKind } from './dropout.js';
import { embeddingKind } from './embedding.js';
import { gruKind } from './gru.js';
import { lstmKind } from './lstm.js';
import { sizeOf, type LayerKindRecord, type WeightShape } from './record.js';
import { simpleRnnKind } from './simple-rnn.js';

/**
 * The layer registry: one record per kind. Everything that depends on a layer's kind (validation, weight
 * shapes, summaries, the editor, engines' builders keyed by `LayerKind`) reads it from here, so a new kind is
 * its record file plus its engine implementations.
 */
export const BUILTIN_LAYER_KINDS = {
  simpleRNN: simpleRnnKind,
  lstm: lstmKind,
  gru: gruKind,
  dense: denseKind,
  embedding: embeddingKind,
  dropout: dropoutKind,
  bidirectional: bidirectionalKind,
} as const;
type Builtin = typeof BUILTIN_LAYER_KINDS;
/** The layer kinds RNN Lab ships (engines implement each: the compiler checks their maps are complete). */
export type LayerKind = keyof Builtin;

const schemasOf = <R extends Record<string, { schema: z.ZodType }>>(records: R) =>
  Object.fromEntries(Object.entries(records).map(([k, r]) => [k, r.schema])) as { [K in keyof R]: R[K]['schema'] };
const builtinLayerSpec = oneOf(schemasOf(BUILTIN_LAYER_KINDS), 'layer');

const added = new Map<string, LayerKindRecord<never>>();
let extendedSpec: typeof builtinLayerSpec | undefined;

/**
 * One layer of a sequential model: `{ "lstm": {...} }`, `{ "dense": {...} }`, … It validates against the
 * registry as it is at parse time, so kinds registered at run time (plug-ins, tests) validate too (z.lazy
 * would resolve once and keep the first schema); its issues keep their paths. Typed as the built-in union.
 */
export const LayerSpec = z.unknown().transform((value, ctx) => {
  const result = (extendedSpec ?? builtinLayerSpec).safeParse(value, { reportInput: true }); // the input lets messages quote what was written
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
}) as unknown as typeof builtinLayerSpec;
export type LayerSpec = z.infer<typeof builtinLayerSpec>;
/** `{ kind, config }` of a validated layer. */
export type LayerOf = Chosen<LayerSpec>;

/**
 * Adds a layer kind at run time (its record only): spec validation, summaries and model checks accept it at
 * once; engines without a builder for it refuse it by name. Throws TypeError when the kind exists.
 */
export function registerLayerKind<C>(record: LayerKindRecord<C>): void {
  if (record.kind in BUILTIN_LAYER_KINDS || added.has(record.kind)) throw new TypeError(`registerLayerKind: layer kind "${record.kind}" is already registered`);
  added.set(record.kind, record as unknown as LayerKindRecord<never>);
  rebuild();
}

/** Removes a kind added by {@link registerLayerKind} (tests clean up with it). */
export function unregisterLayerKind(kind: string): void {
  added.delete(kind);
  rebuild();
}

function rebuild(): void {
  const extra = Object.fromEntries([...added].map(([k, r]) => [k, r.schema]));
  extendedSpec = added.size ? (oneOf({ ...schemasOf(BUILTIN_LAYER_KINDS), ...extra }, 'layer') as unknown as typeof builtinLayerSpec) : undefined;
}

/** Every registered layer kind's record, built-ins first (the editor's list). */
export function layerKinds(): readonly LayerKindRecord<unknown>[] {
  return [...Object.values(BUILTIN_LAYER_KINDS), ...added.values()] as unknown as LayerKindRecord<unknown>[];
}

/** The record of a kind, or undefined for an unknown one. */
export function layerKind(kind: string): LayerKindRecord<unknown> | undefined {
  return ((BUILTIN_LAYER_KINDS as Record<string, unknown>)[kind] ?? added.get(kind)) as LayerKindRecord<unknown> | undefined;
}

/** `{ kind, config }` of a validated layer. */
export const layerOf = (layer: LayerSpec): LayerOf => chosen(layer);

/** The record of a validated layer, typed by its settings. Throws TypeError for a kind nobody registered. */
export function recordOf<L extends { kind: string; config: unknown }>(l: L): LayerKindRecord<L['config']> {
  const record = layerKind(l.kind);
  if (!record) throw new TypeError(`layer kind "${l.kind}" is not registered`);
  return record as LayerKindRecord<L['config']>;
}

/** Weight tensors of a layer on `input` features, in Keras shapes and order. */
export const weightShapes = (l: LayerOf, input: number): WeightShape[] => recordOf(l).weights(l.config, input);
/** Number of trainable parameters of a layer on `input` features (the one count: summaries, engines, tests). */
export const paramCount = (l: LayerOf, input: number): number => weightShapes(l, input).reduce((s, w) => s + sizeOf(w.shape), 0);
/** Width of a layer's output given its input width (features per step). */
export const outputWidth = (l: LayerOf, input: number): number => recordOf(l).outputWidth(l.config, input);
/** Whether a layer keeps the time axis given whether its input has one (false after a last-step RNN). */
export const keepsSequence = (l: LayerOf, input: boolean): boolean => recordOf(l).keepsSequence(l.config, input);
/** True for the plain recurrent layers SimpleRNN, LSTM and GRU (Bidirectional wraps one of them). */
export const isRecurrent = (l: LayerOf): l is Extract<LayerOf, { kind: 'simpleRNN' | 'lstm' | 'gru' }> =>
  l.kind === 'simpleRNN' || l.kind === 'lstm' || l.kind === 'gru';
/** Whether a layer carries state across batches. */
export const isStateful = (l: LayerOf): boolean => recordOf(l).stateful?.(l.config) ?? false;
