import type { CompareCorrection, CompareGroup, CompareRanks, CompareResult, CompareRow, CompareUnit } from '../contract/compare.js';
import { CORRECTION_LABELS } from '../contract/compare.js';
import { LabError } from '../contract/errors.js';
import { higherIsBetter, type ExperimentDetails, type TrialRecord } from '../contract/results.js';
import { taskOf } from '../contract/spec.js';
import { testFamily, type PlannedComparison } from '../stats/compare-family.js';
import { summarize } from '../stats/describe.js';
import { friedman } from '../stats/friedman.js';
import { nemenyi, type NemenyiAlpha } from '../stats/nemenyi.js';
import type { ExperimentService } from './experiment-service.js';
import { groupLabels } from './group-labels.js';

/** What to compare and how. */
export interface CompareOptions {
  /** The metric (default: the first experiment's headline). */
  readonly metric?: string;
  /** Index of the reference group (default 0). */
  readonly reference?: number;
  readonly correction?: CompareCorrection;
  readonly alpha?: number;
}

/** Bootstrap settings of every effect-size CI (fixed, so a page and its export give the same intervals). */
export const COMPARE_BOOTSTRAP = { method: 'percentile', seed: 1, resamples: 2000, level: 0.95 } as const;

/** Above this many groups the all-pairs matrix (k(k − 1)/2 bootstrapped rows) is left out. */
export const MAX_ALL_PAIRS_GROUPS = 12;

/** A finished trial's unit: repeat (1-based) and, when the trial has one (cross-validation), its fold. */
function unitOf(t: TrialRecord): CompareUnit {
  // `fold` exists on trials of cross-validated experiments only; pairing keys on it when present.
  const fold = (t as TrialRecord & { readonly fold?: number | null }).fold;
  return { repeat: t.repeatIndex + 1, ...(typeof fold === 'number' ? { fold } : {}), seed: t.seed };
}

const unitName = (u: CompareUnit) => `repeat ${u.repeat}${u.fold === undefined ? '' : `, fold ${u.fold + 1}`}`;

/** Paired when A and B have the same units in the same order with the same seed in each (common random numbers). */
export function pairingOf(a: Pick<CompareGroup, 'label' | 'units'>, b: Pick<CompareGroup, 'label' | 'units'>): Pick<PlannedComparison, 'design' | 'pairing' | 'folds'> {
  const unpaired = (why: string) => ({ design: 'unpaired' as const, pairing: `unpaired: ${why}` });
  if (a.units.length !== b.units.length) return unpaired(`${a.label} has ${a.units.length} finished repeats, ${b.label} has ${b.units.length}`);
  for (let i = 0; i < a.units.length; i++) {
    const [ua, ub] = [a.units[i]!, b.units[i]!];
    if (ua.repeat !== ub.repeat || ua.fold !== ub.fold) return unpaired(`${unitName(ua)} finished in ${a.label} but not in ${b.label}`);
    if (ua.seed !== ub.seed) return unpaired(`${unitName(ua)} ran with seed ${ua.seed} in ${a.label} and ${ub.seed} in ${b.label}`);
  }
  const folds = a.units.some((u) => u.fold !== undefined);
  // K for the corrected resampled t: the folds a repeat was split into (fold ids are 0-based).
  const k = folds ? Math.max(...a.units.map((u) => u.fold ?? 0)) + 1 : 0;
  return {
    design: 'paired',
    pairing: `paired by ${folds ? '(repeat, fold)' : 'repeat'}: the same seed in each of ${a.units.length} ${folds ? 'units' : 'repeats'}`,
    ...(folds ? { folds: k } : {}),
  };
}

/** The groups of one experiment: one per configuration, its finished values of `metric` in unit order. */
function groupsOf(d: ExperimentDetails, metric: string): Omit<CompareGroup, 'label' | 'title' | 'params'>[] {
  return d.configs.map((_, configIndex) => {
    const done = d.trials
      .filter((t) => t.configIndex === configIndex && t.status === 'done' && Number.isFinite(t.metrics[metric]))
      .map((t) => ({ unit: unitOf(t), value: t.metrics[metric]! }))
      .sort((x, y) => x.unit.repeat - y.unit.repeat || (x.unit.fold ?? 0) - (y.unit.fold ?? 0));
    const values = done.map((u) => u.value);
    const baselines = Object.fromEntries(
      d.baselines.filter((b) => b.configIndex === configIndex && b.metrics[metric] !== undefined).map((b) => [b.name, b.metrics[metric]!]),
    );
    return { experimentId: d.experiment.id, experimentName: d.experiment.name, configIndex, values, units: done.map((u) => u.unit), summary: summarize(values), baselines };
  });
}

/** Friedman + Nemenyi over groups that are all paired (the same units): table[unit][group]. */
function ranksOf(groups: readonly CompareGroup[], higher: boolean, alpha: number): CompareRanks {
  const table = groups[0]!.values.map((_, i) => groups.map((g) => g.values[i]!));
  const f = friedman(table, higher);
  const nemenyiAlpha: NemenyiAlpha = alpha === 0.1 ? 0.1 : 0.05;
  const n = nemenyi(f.averageRanks, f.blocks, nemenyiAlpha);
  return {
    chiSquare: f.chiSquare, df: f.df, pValue: f.pValue, f: f.f, fPValue: f.fPValue, blocks: f.blocks,
    averageRanks: f.averageRanks, order: n.order, cd: n.cd, alpha: n.alpha, cliques: n.cliques, pValues: n.pValues,
  };
}

/**
 * Compares experiments (by id or name) on one metric: a group per configuration of each, labelled by the
 * parameters that differ; every group against the reference and all pairs, each row paired or not by its seeds;
 * Friedman + Nemenyi when ≥ 3 groups are all paired. Refuses (one line) experiments of different tasks, a metric
 * one of them does not record, and an out-of-range reference.
 */
export function compareExperiments(service: ExperimentService, refs: readonly (string | number)[], options: CompareOptions = {}): CompareResult {
  if (refs.length === 0) throw new LabError('REQUEST_INVALID', 'compare: name at least one experiment (a grid compares its configurations)');
  const ids = [...new Set(refs.map((r) => service.experiment(r).id))];
  const records = ids.map((id) => service.experiment(id));
  const details = ids.map((id) => service.details(id));
  const tasks = records.map((r) => taskOf(r.spec));
  const other = tasks.findIndex((t) => t !== tasks[0]);
  if (other > 0) {
    throw new LabError('REQUEST_INVALID', `compare: #${ids[0]} ${records[0]!.name} is a ${tasks[0]} experiment but #${ids[other]} ${records[other]!.name} is a ${tasks[other]} experiment; compare experiments of one task`);
  }
  const metric = options.metric ?? details[0]!.experiment.headline;
  const lacking = details.find((d) => !d.metrics.includes(metric));
  if (lacking) {
    throw new LabError('REQUEST_INVALID', `compare: #${lacking.experiment.id} ${lacking.experiment.name} does not record ${metric} (it records ${lacking.metrics.join(', ')}); pick a metric every compared experiment has`);
  }
  const correction = options.correction ?? 'holm';
  const alpha = options.alpha ?? 0.05;
  const reference = options.reference ?? 0;
  const raw = details.flatMap((d, di) => groupsOf(d, metric).map((g) => ({ group: g, spec: records[di]!.configs[g.configIndex]!, configCount: d.configs.length })));
  if (reference >= raw.length) throw new LabError('REQUEST_INVALID', `compare: reference ${reference} is out of range; pick 0–${raw.length - 1}`);
  const named = groupLabels(raw.map((r) => ({ ...r.group, spec: r.spec, configCount: r.configCount })));
  const groups: CompareGroup[] = raw.map((r, i) => ({ ...r.group, label: named.labels[i]!, title: named.titles[i]!, params: named.params[i]! }));
  const higher = higherIsBetter(metric);
  const family = { lowerIsBetter: !higher, correction, alpha, bootstrap: COMPARE_BOOTSTRAP };
  const plan = (a: number, b: number): PlannedComparison => ({ a, b, ...pairingOf(groups[a]!, groups[b]!) });
  const notes: string[] = [];

  const againstReference: CompareRow[] = testFamily(groups, groups.flatMap((_, i) => (i === reference ? [] : [plan(i, reference)])), family);
  let allPairs: CompareRow[] = [];
  if (groups.length > MAX_ALL_PAIRS_GROUPS) {
    notes.push(`all pairs are not tested for ${groups.length} groups (at most ${MAX_ALL_PAIRS_GROUPS}); compare fewer, or read the Friedman ranks`);
  } else {
    const pairs: PlannedComparison[] = [];
    for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) pairs.push(plan(i, j));
    allPairs = testFamily(groups, pairs, family);
  }

  let ranks: CompareRanks | null = null;
  const allPaired = groups.every((g) => pairingOf(groups[0]!, g).design === 'paired');
  if (groups.length < 3) notes.push('Friedman + Nemenyi need at least 3 groups');
  else if (!allPaired) notes.push('Friedman + Nemenyi need every group to share the same repeats and seeds (a paired design); these groups do not');
  else if (groups[0]!.values.length < 2) notes.push('Friedman + Nemenyi need at least 2 paired repeats');
  else if (groups.length > 10) notes.push('the Nemenyi critical difference is tabulated for at most 10 groups');
  else {
    ranks = ranksOf(groups, higher, alpha);
    if (ranks.alpha !== alpha) notes.push(`the critical difference is drawn at α = ${ranks.alpha} (Demšar tabulates 0.05 and 0.10 only)`);
  }

  const rows = [...againstReference, ...allPairs];
  const design = rows.every((r) => r.design === 'paired') ? 'paired' : rows.every((r) => r.design === 'unpaired') ? 'unpaired' : 'mixed';
  notes.push(
    `${CORRECTION_LABELS[correction]} correction over each table (the tests against the reference are one family, all pairs another); ` +
      `rank tests (Wilcoxon signed-rank paired, Mann–Whitney U unpaired) decide significance at α = ${alpha}, t tests shown beside them`,
  );
  return { metric, higherIsBetter: higher, reference, correction, alpha, bootstrap: COMPARE_BOOTSTRAP, design, groups, differing: named.differing, againstReference, allPairs, ranks, notes };
}
