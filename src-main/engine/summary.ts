import { keepsSequence, layerOf, outputWidth, paramCount, recordOf, type ModelSpec } from '../contract/layers.js';
import { stackProblems } from '../contract/model-checks.js';
import { LabError } from '../contract/errors.js';

/** One row of a Keras-style model summary. */
export interface SummaryRow {
  /** Keras 2 layer name and class, e.g. `lstm_1 (LSTM)` (names count from 1 per kind, as standalone Keras 2 did). */
  readonly name: string;
  /** Output shape with the batch as None, e.g. `(None, 100, 32)` or `(None, 32)`. */
  readonly outputShape: string;
  /** Number of weights of the layer. */
  readonly params: number;
}

/** A model summary: its rows and the parameter totals (every weight of our layers is trainable). */
export interface ModelSummary {
  readonly rows: readonly SummaryRow[];
  readonly total: number;
  readonly trainable: number;
  readonly nonTrainable: number;
}

/**
 * The Keras 2 `model.summary()` of a sequential model on inputs of `steps` × `features` (token ids: features 1
 * before an Embedding): one row per layer with its name, output shape and parameter count, and the totals.
 * Pure: computed from the spec (the same weight shapes as the initial weights). Throws LabError('SPEC_INVALID')
 * for a stack Keras refuses (an Embedding not first, a recurrent layer after a last-step one).
 */
export function modelSummary(model: ModelSpec, input: { readonly steps: number; readonly features: number }): ModelSummary {
  const problems = stackProblems(model);
  if (problems.length) throw new LabError('SPEC_INVALID', problems[0]!, problems);
  const counters = new Map<string, number>();
  let width = input.features;
  let sequence = true;
  const rows = model.layers.map((layer) => {
    const l = layerOf(layer);
    const params = paramCount(l, width);
    width = outputWidth(l, width);
    sequence = keepsSequence(l, sequence);
    const n = (counters.get(l.kind) ?? 0) + 1;
    counters.set(l.kind, n);
    const { prefix, type } = recordOf(l).keras;
    return { name: `${prefix}_${n} (${type})`, outputShape: sequence ? `(None, ${input.steps}, ${width})` : `(None, ${width})`, params };
  });
  const total = rows.reduce((sum, r) => sum + r.params, 0);
  return { rows, total, trainable: total, nonTrainable: 0 };
}

/** `1226752` → `1,226,752` (Keras' `{:,}`). */
const thousands = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * The Keras 2 summary table as text: columns at 29, 55 and 65 characters (Keras' sequential layout; a column
 * widens when a name or shape does not fit, where Keras would cut it), `_` rules between rows, `=` rules
 * around the body, and `Total params: 2,432` / `Trainable params:` / `Non-trainable params:` lines.
 * Takes a {@link ModelSummary} or just its rows (totals then summed from the rows, all trainable).
 */
export function formatSummary(summary: ModelSummary | readonly SummaryRow[]): string {
  const s: ModelSummary = isRows(summary) ? totals(summary) : summary;
  const w1 = Math.max(29, ...s.rows.map((r) => r.name.length + 1));
  const w2 = Math.max(26, ...s.rows.map((r) => r.outputShape.length + 1));
  const w3 = 10;
  const width = w1 + w2 + w3;
  const line = (a: string, b: string, c: string): string => a.padEnd(w1) + b.padEnd(w2) + c.padEnd(w3);
  const out = ['_'.repeat(width), line('Layer (type)', 'Output Shape', 'Param #'), '='.repeat(width)];
  s.rows.forEach((r, i) => {
    out.push(line(r.name, r.outputShape, String(r.params)));
    out.push((i === s.rows.length - 1 ? '=' : '_').repeat(width));
  });
  if (s.rows.length === 0) out.push('='.repeat(width));
  out.push(`Total params: ${thousands(s.total)}`, `Trainable params: ${thousands(s.trainable)}`, `Non-trainable params: ${thousands(s.nonTrainable)}`, '_'.repeat(width));
  return out.join('\n');
}

function isRows(s: ModelSummary | readonly SummaryRow[]): s is readonly SummaryRow[] {
  return Array.isArray(s);
}

function totals(rows: readonly SummaryRow[]): ModelSummary {
  const total = rows.reduce((sum, r) => sum + r.params, 0);
  return { rows, total, trainable: total, nonTrainable: 0 };
}
