import type { MethodOutputs } from '../../src-main/contract/api.js';

type Report = MethodOutputs['inspectData'];

/** How an imported table is read: a series to forecast, or labeled sequences (one row per step). */
export type Reading = 'series' | 'sequences';

/** The roles a person gives the columns of an imported file. */
export interface Roles {
  reading: Reading;
  /**
   * series: the time label column ('' for none), the columns to forecast (the first is the headline) and the
   * model's input columns; one column forecast from itself is the seed's "csv" reading, anything else a "table".
   */
  time: string;
  targets: string[];
  inputs: string[];
  /** sequences: the sequence id, the step order ('' for file order), the features and the class label. */
  id: string;
  step: string;
  features: string[];
  label: string;
}

const numbers = (r: Report) => r.columns.filter((c) => c.type === 'number').map((c) => c.name);

/** Roles to start from: the Node side's suggestion when it has one, else a guess from the column types. */
export function initialRoles(r: Report): Roles {
  const data = (r.suggestion?.spec.data ?? {}) as Record<string, unknown>;
  const nums = numbers(r);
  const first = r.columns[0]?.name ?? '';
  const texts = r.columns.filter((c) => c.type === 'text').map((c) => c.name);
  if (data.kind === 'sequences') {
    return {
      reading: 'sequences',
      time: '',
      targets: nums.slice(-1),
      inputs: nums.slice(-1),
      id: String(data.id ?? first),
      step: String(data.step ?? ''),
      features: [...((data.features as string[] | undefined) ?? nums)],
      label: String(data.label ?? texts.at(-1) ?? ''),
    };
  }
  const targets = data.kind === 'table' ? [...(data.targets as string[])] : [String(data.column ?? nums.at(-1) ?? '')].filter((t) => t !== '');
  return {
    reading: 'series',
    time: String(data.time ?? data.timeColumn ?? (r.columns[0]?.type === 'text' ? first : '')),
    targets,
    inputs: data.kind === 'table' ? [...((data.features as string[] | undefined) ?? targets)] : [...targets],
    id: first,
    step: '',
    features: nums,
    label: texts.at(-1) ?? '',
  };
}

/** What is missing before a spec can be drafted, one line each (empty: ready). */
export function rolesProblems(roles: Roles): string[] {
  if (roles.reading === 'series') {
    const out: string[] = [];
    if (roles.targets.length === 0) out.push('choose the column to forecast');
    if (roles.inputs.length === 0) out.push('tick at least one input column');
    if (roles.time && [...roles.targets, ...roles.inputs].includes(roles.time)) out.push('the time column cannot also be forecast or an input');
    return out;
  }
  const out: string[] = [];
  if (!roles.id) out.push('choose the column holding each row’s sequence id');
  if (roles.features.length === 0) out.push('tick at least one feature column');
  if (!roles.label) out.push('choose the label column');
  if (roles.label && roles.features.includes(roles.label)) out.push('the label cannot also be a feature');
  return out;
}

/** A spec draft for the imported file read with `roles`: a model that fits (the editor then checks the rest). */
export function draftSpec(r: Report, roles: Roles, fileName: string): Record<string, unknown> {
  const name = `${fileName.replace(/\.[^.]*$/, '').replace(/[^\w.\- ]+/g, '-').slice(0, 80) || 'imported'}`;
  const testSize = Math.max(1, Math.round(r.rows / 3));
  const single = roles.targets.length === 1 && roles.inputs.length === 1 && roles.inputs[0] === roles.targets[0];
  if (roles.reading === 'series' && !single) {
    // A table: windows of up to 8 steps over every input, one output per target.
    const lag = Math.max(1, Math.min(8, Math.floor((r.rows - testSize) / 4)));
    return {
      name,
      description: `Forecast of ${roles.targets.join(', ')} from ${roles.inputs.join(', ')} in ${fileName} (imported).`,
      data: { kind: 'table', path: r.path, ...(roles.time ? { time: roles.time } : {}), features: roles.inputs, targets: roles.targets, delimiter: 'auto', missing: 'error' },
      preprocessing: [{ difference: { interval: 1 } }, { supervised: { lag, horizon: 1 } }, { standardize: {} }],
      model: { layers: [{ lstm: { units: 16 } }, { dense: { units: roles.targets.length } }] },
      training: { epochs: 50, batchSize: 8, shuffle: true, resetStates: 'never', loss: 'mse' },
      evaluation: { protocol: 'walk-forward', testSize, metrics: ['rmse', 'mae'] },
      repeats: 30,
    };
  }
  if (roles.reading === 'series') {
    return {
      name,
      description: `Forecast of ${roles.targets[0]} in ${fileName} (imported).`,
      data: { kind: 'csv', path: r.path, column: roles.targets[0], ...(roles.time ? { timeColumn: roles.time } : {}) },
      preprocessing: [{ difference: { interval: 1 } }, { supervised: { lag: 1 } }, { minmax: { min: -1, max: 1 } }],
      model: { layers: [{ lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }] },
      training: { epochs: 1000, batchSize: 1, loss: 'mse' },
      evaluation: { protocol: 'walk-forward', testSize },
      repeats: 30,
    };
  }
  const classes = r.columns.find((c) => c.name === roles.label)?.distinct ?? 2;
  return {
    name,
    description: `Classifies the sequences in ${fileName} by their "${roles.label}" (imported).`,
    data: { kind: 'sequences', path: r.path, format: 'csv-long', id: roles.id, ...(roles.step ? { step: roles.step } : {}), features: roles.features, label: roles.label },
    model: { layers: [{ lstm: { units: 16 } }, { dense: { units: Math.max(2, classes), activation: 'softmax' } }] },
    training: { epochs: 50, batchSize: 16, loss: 'sparseCategoricalCrossentropy' },
    evaluation: { protocol: 'holdout-classification', testFraction: 0.2 },
    repeats: 10,
  };
}
