import { LabError, quoteValue } from '../contract/errors.js';
import type { SequencesSource } from '../contract/spec.js';
import type { SequenceSet } from './dataset.js';
import { parseArff } from './arff.js';
import { sequencesFromArff } from './arff-sequences.js';
import { columnIndex, numberAt, parseTable, type Table } from './delimited.js';
import { readDataFile } from './read-file.js';

type Spec = SequencesSource;

/** Sequences read from a file, before any task: padded values with lengths, and a label or targets each. */
export interface SequenceFile {
  readonly x: SequenceSet;
  /** The sequences' ids (csv-long's id column; otherwise the row or line number). */
  readonly ids: readonly string[];
  /** Class label of each sequence (when `label` is given). */
  readonly labels?: readonly string[];
  /** Numeric targets, n × targetNames.length (when `target` is given). */
  readonly targets?: Float64Array;
  readonly targetNames?: readonly string[];
}

/** One sequence while reading: its rows of features, and its label or targets. */
export interface Draft {
  readonly id: string;
  readonly steps: number[][];
  label?: string;
  targets?: number[];
  /** Where it was first seen, for messages. */
  readonly line: number;
}

export const targetsOf = (spec: Spec): string[] | undefined => (spec.target === undefined ? undefined : Array.isArray(spec.target) ? spec.target : [spec.target]);

/**
 * Reads the labeled sequences of a `sequences` data spec (with neither `label` nor `target`: the sequences alone,
 * as new inputs for a trained model). Each problem is one line naming the file, line and
 * column (or the JSONL line and key) and the fix: a missing or duplicated column, a cell that is not a plain
 * decimal number, a sequence whose label changes between its rows, a sequence without steps, rows of the
 * wrong width, an empty file.
 */
export function readSequences(spec: Spec): SequenceFile {
  const bytes = readDataFile(spec.path, 'data.path', spec.format === 'jsonl' ? 'JSONL' : spec.format === 'arff' ? 'ARFF' : 'CSV');
  const text = bytes.toString('utf8');
  const drafts =
    spec.format === 'jsonl'
      ? fromJsonl(text, spec)
      : spec.format === 'arff'
        ? sequencesFromArff(parseArff(text, spec.path), spec, fromLong)
        : spec.format === 'csv-long'
          ? fromLong(parseTable(text, spec.path), spec)
          : fromWide(parseTable(text, spec.path), spec);
  if (drafts.length === 0) throw new LabError('DATA_INVALID', `${spec.path}: no sequences in the file; it needs at least one data row`);
  const features = drafts[0]!.steps[0]?.length ?? 0;
  for (const d of drafts) {
    if (d.steps.length === 0) throw new LabError('DATA_INVALID', `${spec.path}:${d.line}: sequence ${quoteValue(d.id)} has a label but no steps; give it at least one step or remove it`);
    if (d.steps.some((s) => s.length !== features)) {
      throw new LabError('DATA_INVALID', `${spec.path}:${d.line}: sequence ${quoteValue(d.id)} has steps of ${d.steps.find((s) => s.length !== features)!.length} features, others ${features}; every step needs the same features`);
    }
  }
  const steps = Math.max(...drafts.map((d) => d.steps.length));
  const data = new Float64Array(drafts.length * steps * features);
  const lengths = Int32Array.from(drafts, (d) => d.steps.length);
  drafts.forEach((d, i) => d.steps.forEach((row, t) => data.set(row, (i * steps + t) * features)));
  const varying = lengths.some((l) => l !== steps);
  const x: SequenceSet = { data, n: drafts.length, steps, features, ...(varying ? { lengths } : {}) };
  const names = targetsOf(spec);
  const width = drafts[0]!.targets?.length ?? 0;
  const odd = drafts.find((d) => (d.targets?.length ?? 0) !== width);
  if (odd) throw new LabError('DATA_INVALID', `${spec.path}:${odd.line}: sequence ${quoteValue(odd.id)} has ${odd.targets?.length ?? 0} target values, others ${width}; give every sequence the same targets`);
  return {
    x,
    ids: drafts.map((d) => d.id),
    ...(spec.label !== undefined ? { labels: drafts.map((d) => d.label!) } : {}),
    ...(names ? { targets: Float64Array.from(drafts.flatMap((d) => d.targets!)), targetNames: width === names.length ? names : Array.from({ length: width }, (_, k) => `${names[0]}[${k}]`) } : {}),
  };
}

/** csv-long: one row per (sequence, step), grouped by id in order of first appearance, sorted by `step`. */
export function fromLong(table: Table, spec: Spec): Draft[] {
  const id = columnIndex(table, spec.id!, 'data.id');
  const step = spec.step !== undefined ? columnIndex(table, spec.step, 'data.step') : -1;
  const features = spec.features!.map((f, i) => columnIndex(table, f, `data.features[${i}]`));
  const label = spec.label !== undefined ? columnIndex(table, spec.label, 'data.label') : -1;
  const targets = (targetsOf(spec) ?? []).map((t, i) => columnIndex(table, t, Array.isArray(spec.target) ? `data.target[${i}]` : 'data.target'));
  const byId = new Map<string, Draft & { order: number[] }>();
  table.rows.forEach((row, r) => {
    const key = row[id] ?? '';
    const line = table.lines[r] ?? r + 2;
    if (key === '') throw new LabError('DATA_INVALID', `${table.path}:${line}:${id + 1}: empty sequence id; every row needs the id of its sequence`);
    let d = byId.get(key);
    if (!d) {
      d = { id: key, steps: [], line, order: [], ...(label >= 0 ? { label: row[label] ?? '' } : {}), ...(targets.length ? { targets: targets.map((c) => numberAt(table, r, c)) } : {}) };
      byId.set(key, d);
    } else if (label >= 0 && row[label] !== d.label) {
      throw new LabError('DATA_INVALID', `${table.path}:${line}:${label + 1}: sequence ${quoteValue(key)} changes its label from ${quoteValue(d.label!)} to ${quoteValue(row[label] ?? '')}; one label per sequence`);
    }
    if (label >= 0 && (row[label] ?? '') === '') throw new LabError('DATA_INVALID', `${table.path}:${line}:${label + 1}: empty label; every sequence needs one`);
    d.steps.push(features.map((c) => numberAt(table, r, c)));
    d.order.push(step >= 0 ? numberAt(table, r, step) : d.order.length);
  });
  return [...byId.values()].map((d) => {
    const sorted = d.order.map((o, i) => [o, i] as const).sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]![0] === sorted[k - 1]![0]) {
        throw new LabError('DATA_INVALID', `${table.path}: sequence ${quoteValue(d.id)} has step ${sorted[k]![0]} twice; each step once per sequence`);
      }
    }
    return { ...d, steps: sorted.map(([, i]) => d.steps[i]!) };
  });
}

/** csv-wide: one row per sequence; columns `<feature>_<t>` (t from 0 or 1, in order), trailing empty steps = shorter. */
function fromWide(table: Table, spec: Spec): Draft[] {
  const label = spec.label !== undefined ? columnIndex(table, spec.label, 'data.label') : -1;
  const targets = (targetsOf(spec) ?? []).map((t, i) => columnIndex(table, t, Array.isArray(spec.target) ? `data.target[${i}]` : 'data.target'));
  const perFeature = spec.features!.map((f, i) => {
    const columns = table.header
      .map((name, c) => ({ c, t: name.startsWith(`${f}_`) ? Number(name.slice(f.length + 1)) : NaN }))
      .filter((e) => Number.isInteger(e.t))
      .sort((a, b) => a.t - b.t);
    if (columns.length === 0) throw new LabError('DATA_INVALID', `${table.path}:1: no columns named ${quoteValue(`${f}_<step>`)} for data.features[${i}]; csv-wide needs e.g. ${f}_0, ${f}_1, …`);
    return columns.map((e) => e.c);
  });
  const steps = perFeature[0]!.length;
  if (perFeature.some((cols) => cols.length !== steps)) throw new LabError('DATA_INVALID', `${table.path}:1: the features have different numbers of step columns; give each the same <feature>_<t> columns`);
  return table.rows.map((row, r) => {
    const line = table.lines[r] ?? r + 2;
    // A sequence ends at its first step whose cells are all empty (shorter sequences leave the tail blank).
    let length = steps;
    for (let t = 0; t < steps; t++) {
      if (perFeature.every((cols) => (row[cols[t]!] ?? '') === '')) {
        length = t;
        break;
      }
    }
    if (label >= 0 && (row[label] ?? '') === '') throw new LabError('DATA_INVALID', `${table.path}:${line}:${label + 1}: empty label; every sequence needs one`);
    return {
      id: String(r + 1),
      line,
      steps: Array.from({ length }, (_, t) => perFeature.map((cols) => numberAt(table, r, cols[t]!))),
      ...(label >= 0 ? { label: row[label]! } : {}),
      ...(targets.length ? { targets: targets.map((c) => numberAt(table, r, c)) } : {}),
    };
  });
}

/** jsonl: one object per line with `x` (steps × features numbers) and the label or target key. */
function fromJsonl(text: string, spec: Spec): Draft[] {
  const key = spec.label ?? (Array.isArray(spec.target) ? undefined : spec.target);
  const drafts: Draft[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new LabError('DATA_INVALID', `${spec.path}:${line}: not valid JSON; each line holds one object like {"x": [[0.1, 2], [0.3, 1]], "label": "walk"}`);
    }
    const o = value as { x?: unknown; [k: string]: unknown };
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new LabError('DATA_INVALID', `${spec.path}:${line}: expected an object with "x", got ${Array.isArray(o) ? 'an array' : typeof o}`);
    const x = o.x;
    const isRow = (r: unknown): r is number[] => Array.isArray(r) && r.length > 0 && r.every((v) => typeof v === 'number' && Number.isFinite(v));
    const rows = Array.isArray(x) ? (x.every((v) => typeof v === 'number') ? (x as number[]).map((v) => [v]) : x) : undefined;
    if (!rows || !rows.every(isRow)) {
      throw new LabError('DATA_INVALID', `${spec.path}:${line}: "x" must be a list of steps, each a list of finite numbers (or a list of numbers for one feature)`);
    }
    const d: Draft = { id: String(line), line, steps: rows as number[][] };
    if (spec.label !== undefined) {
      const label = o[spec.label];
      if (typeof label !== 'string' && typeof label !== 'number') throw new LabError('DATA_INVALID', `${spec.path}:${line}: "${spec.label}" must be a string or a number (the class label)`);
      d.label = String(label);
    } else if (spec.target !== undefined) {
      const names = targetsOf(spec)!;
      const t = key !== undefined ? o[key] : names.map((n) => o[n]);
      const list = Array.isArray(t) ? t : [t];
      if (!list.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        throw new LabError('DATA_INVALID', `${spec.path}:${line}: the target ${names.map((n) => `"${n}"`).join(', ')} must be finite numbers`);
      }
      d.targets = list as number[];
    }
    drafts.push(d);
  });
  return drafts;
}
