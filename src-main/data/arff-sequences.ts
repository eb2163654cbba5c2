import { LabError, listValues, quoteValue } from '../contract/errors.js';
import type { SequencesSource } from '../contract/spec.js';
import { type ArffAttribute, type ArffFile, splitValues } from './arff.js';
import { DECIMAL } from './csv-series.js';
import type { Table } from './delimited.js';
import type { Draft } from './sequence-files.js';

type Spec = SequencesSource;

/**
 * The labeled sequences of an ARFF file, in either of the two forms Weka users write:
 * - **relational** (multi-instance: Weka's time-series form): one instance per sequence, one relational attribute
 *   whose rows are the steps; `features` default to the relational attribute's numeric attributes, `label` or
 *   `target` are top-level attributes, `id` optionally names one;
 * - **one instance per step**: no relational attribute; read exactly like csv-long (`id`, optional `step`), with
 *   `features` defaulting to the numeric attributes that are not the id, step, label or target.
 * `fromLong` is csv-long's reader (passed in: sequence-files imports this module).
 */
export function sequencesFromArff(arff: ArffFile, spec: Spec, fromLong: (table: Table, spec: Spec) => Draft[]): Draft[] {
  const path = spec.path;
  const targets = spec.target === undefined ? [] : Array.isArray(spec.target) ? spec.target : [spec.target];
  const relational = arff.attributes.filter((a) => a.type === 'relational');
  if (relational.length > 1) {
    throw new LabError('DATA_INVALID', `${path}: ${relational.length} relational attributes (${listValues(relational.map((a) => a.name))}); one holds the steps of each sequence — keep one`);
  }
  const names = arff.attributes.map((a) => a.name);
  const top = (name: string, field: string): number => {
    const i = names.indexOf(name);
    if (i < 0) throw new LabError('DATA_INVALID', `${path}: no attribute named ${quoteValue(name)} (attributes: ${listValues(names)}); fix ${field} in the spec`);
    return i;
  };
  if (relational.length === 0) {
    if (spec.id === undefined) {
      throw new LabError('DATA_INVALID', `${path}: no relational attribute, so each instance is one step; give data.id (the attribute naming each step's sequence) or store the steps in a relational attribute`);
    }
    const taken = new Set([spec.id, spec.step, spec.label, ...targets]);
    const features = spec.features ?? arff.attributes.filter((a) => a.type === 'numeric' && !taken.has(a.name)).map((a) => a.name);
    if (features.length === 0) throw new LabError('DATA_INVALID', `${path}: no numeric attribute left for the features; name them in data.features`);
    return fromLong({ path, header: names, rows: arff.rows, lines: arff.lines }, { ...spec, features });
  }
  const bag = relational[0]!;
  const inner = bag.attributes!;
  const features = (spec.features ?? inner.filter((a) => a.type === 'numeric').map((a) => a.name)).map((f, i) => featureIndex(inner, f, i, bag.name, path));
  if (features.length === 0) throw new LabError('DATA_INVALID', `${path}: relational attribute ${quoteValue(bag.name)} has no numeric attributes to use as features`);
  const column = names.indexOf(bag.name);
  const id = spec.id !== undefined ? top(spec.id, 'data.id') : -1;
  const label = spec.label !== undefined ? top(spec.label, 'data.label') : -1;
  const targetColumns = targets.map((t, i) => top(t, Array.isArray(spec.target) ? `data.target[${i}]` : 'data.target'));
  return arff.rows.map((row, r) => {
    const line = arff.lines[r]!;
    const key = id >= 0 ? row[id]! : String(r + 1);
    const steps = row[column]!.split('\n').filter((s) => s.trim() !== '').map((text, t) => {
      const values = splitValues(text, () => `${path}:${line}`);
      if (values.length !== inner.length) {
        throw new LabError('DATA_INVALID', `${path}:${line}: sequence ${quoteValue(key)} step ${t + 1} has ${values.length} values, but ${quoteValue(bag.name)} declares ${inner.length} attributes; give one value per attribute`);
      }
      return features.map((c) => decimal(values[c]!, `${path}:${line}: sequence ${quoteValue(key)} step ${t + 1}, attribute ${quoteValue(inner[c]!.name)}`));
    });
    const d: Draft = { id: key, line, steps };
    if (label >= 0) {
      if (row[label] === '?' || row[label] === '') throw new LabError('DATA_INVALID', `${path}:${line}: sequence ${quoteValue(key)} has a missing label (?); every sequence needs one`);
      d.label = row[label]!;
    }
    if (targetColumns.length > 0) d.targets = targetColumns.map((c) => decimal(row[c]!, `${path}:${line}: sequence ${quoteValue(key)}, attribute ${quoteValue(names[c]!)}`));
    return d;
  });
}

function featureIndex(inner: readonly ArffAttribute[], name: string, i: number, bag: string, path: string): number {
  const k = inner.findIndex((a) => a.name === name);
  if (k < 0) throw new LabError('DATA_INVALID', `${path}: relational attribute ${quoteValue(bag)} has no attribute ${quoteValue(name)} (it has ${listValues(inner.map((a) => a.name))}); fix data.features[${i}]`);
  if (inner[k]!.type !== 'numeric') throw new LabError('DATA_INVALID', `${path}: attribute ${quoteValue(name)} of ${quoteValue(bag)} is ${inner[k]!.type}, not numeric; features must be numbers`);
  return k;
}

/** A plain decimal number, or one line naming where and why not (`?` is a missing value). */
function decimal(cell: string, where: string): number {
  if (DECIMAL.test(cell)) {
    const value = Number(cell);
    if (Number.isFinite(value)) return value;
  }
  const what = cell === '?' ? 'a missing value (?)' : `${quoteValue(cell)} is not a plain decimal number`;
  throw new LabError('DATA_INVALID', `${where}: ${what}; every step value must be a number (fix the file)`);
}
