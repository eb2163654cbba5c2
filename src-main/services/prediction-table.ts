import type { Table } from '../export/tables.js';
import { describe } from '../stats/describe.js';
import type { AheadForecasts, Predictions } from './trained-models.js';

/** One row per input sequence: each repeat's answer and, over several repeats, how they agree. */
export function predictionsTable(p: Predictions): Table {
  const many = p.repeats.length > 1;
  if (p.task === 'classification') {
    const columns = ['sequence', ...p.repeats.map((r) => `repeat ${r.repeat}`), ...(many ? ['majority', 'agree'] : ['probability'])];
    const rows = p.ids.map((id, i) => {
      const labels = p.repeats.map((r) => r.classes![i]!.label);
      if (!many) return [id, labels[0]!, p.repeats[0]!.classes![i]!.probability];
      const counts = new Map<string, number>();
      for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
      const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const [top, n] = ranked[0]!;
      // No majority when the two most frequent answers are as frequent: say so rather than pick one by name.
      const tie = ranked.length > 1 && ranked[1]![1] === n;
      return [id, ...labels, tie ? 'tie' : top, `${n}/${labels.length}`];
    });
    return { columns, rows };
  }
  const outputs = p.repeats[0]!.values![0]?.length ?? 1;
  const columns = ['sequence', ...(outputs > 1 ? ['output'] : []), ...p.repeats.map((r) => `repeat ${r.repeat}`), ...(many ? ['mean', 'std'] : [])];
  const rows = p.ids.flatMap((id, i) =>
    Array.from({ length: outputs }, (_, k) => {
      const values = p.repeats.map((r) => r.values![i]![k]!);
      const d = describe(values);
      return [id, ...(outputs > 1 ? [k + 1] : []), ...values, ...(many ? [d.mean, d.std] : [])];
    }),
  );
  return { columns, rows };
}

/** One row per step ahead (+1, +2, …): each repeat's forecast and their spread; a last row with each walk's RMSE. */
export function forecastTable(f: AheadForecasts): Table {
  if (f.targets && f.targets.length > 1) return tableForecastTable(f, f.targets);
  const many = f.repeats.length > 1;
  const columns = ['step', ...f.repeats.map((r) => `repeat ${r.repeat}`), ...(many ? ['mean', 'std', 'min', 'max'] : [])];
  const steps = f.repeats[0]?.ahead.length ?? 0;
  const rows: (string | number | null)[][] = Array.from({ length: steps }, (_, h) => {
    const values = f.repeats.map((r) => r.ahead[h]!);
    const d = describe(values);
    return [`+${h + 1}`, ...values, ...(many ? [d.mean, d.std, d.min, d.max] : [])];
  });
  rows.push(['walk RMSE', ...f.repeats.map((r) => r.walkRmse), ...(many ? [describe(f.repeats.map((r) => r.walkRmse)).mean, null, null, null] : [])]);
  return { columns, rows };
}

/** A table's forecasts: a row per (step, target) — each repeat's value and their spread — then each target's walk RMSE. */
function tableForecastTable(f: AheadForecasts, targets: readonly string[]): Table {
  const many = f.repeats.length > 1;
  const columns = ['step', 'target', ...f.repeats.map((r) => `repeat ${r.repeat}`), ...(many ? ['mean', 'std', 'min', 'max'] : [])];
  const steps = f.repeats[0]?.ahead.length ?? 0;
  const of = (k: number) => f.repeats.map((r) => r.byTarget![k]!);
  const rows: (string | number | null)[][] = [];
  for (let h = 0; h < steps; h++) {
    targets.forEach((name, k) => {
      const values = of(k).map((t) => t.ahead[h]!);
      const d = describe(values);
      rows.push([`+${h + 1}`, name, ...values, ...(many ? [d.mean, d.std, d.min, d.max] : [])]);
    });
  }
  targets.forEach((name, k) => {
    const rmse = of(k).map((t) => t.walkRmse);
    rows.push(['walk RMSE', name, ...rmse, ...(many ? [describe(rmse).mean, null, null, null] : [])]);
  });
  return { columns, rows };
}
