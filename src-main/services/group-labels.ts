import type { CompareDifferingParameter } from '../contract/compare.js';
import type { ExperimentSpec } from '../contract/spec.js';

/** Top-level spec fields that never make groups differ in a way worth a label (names, notes, storage, seeding). */
const IGNORED = new Set(['name', 'description', 'grid', 'keep', 'seedScheme']);

/** Every leaf of a spec as `path → value` (`model.layers[0].lstm.units` → 4); empty objects and arrays are leaves. */
export function flattenSpec(spec: ExperimentSpec): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node) && node.length > 0) node.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length > 0) {
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    } else out.set(path, node);
  };
  for (const [k, v] of Object.entries(spec)) if (!IGNORED.has(k)) walk(v, k);
  return out;
}

/** A value as a label shows it: strings bare, everything else as JSON; '—' when the group has no such setting. */
function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `a.b[0].c` → ['a', 'b[0]', 'c']. */
const segments = (path: string) => path.split('.');

/**
 * The shortest trailing part of each path that no other path shares: `units` when only one units differs,
 * `lstm.units` / `dense.units` when both do.
 */
function shortNames(paths: readonly string[]): string[] {
  return paths.map((path) => {
    const parts = segments(path);
    for (let k = 1; k <= parts.length; k++) {
      const name = parts.slice(-k).join('.');
      if (paths.every((other) => other === path || !other.endsWith(`.${name}`) && other !== name)) return name;
    }
    return path;
  });
}

/** What identifies a compared group without its differing parameters. */
export interface GroupOrigin {
  readonly experimentId: number;
  readonly experimentName: string;
  readonly configIndex: number;
  readonly configCount: number;
  readonly spec: ExperimentSpec;
}

/** Labels, per-group parameter values and the differing parameters of a set of groups. */
export interface GroupLabels {
  readonly labels: readonly string[];
  readonly titles: readonly string[];
  readonly params: readonly Readonly<Record<string, string>>[];
  readonly differing: readonly CompareDifferingParameter[];
}

/**
 * Labels groups by the parameters that differ between them (`units=1, epochs=1000`), found by comparing their
 * full configuration specs leaf by leaf — the grid's paths and any other spec difference alike. Groups whose specs
 * are identical (a duplicated experiment) fall back to `#id name`; labels that would still collide get ` (#id)`.
 */
export function groupLabels(groups: readonly GroupOrigin[]): GroupLabels {
  const flat = groups.map((g) => flattenSpec(g.spec));
  const paths = [...new Set(flat.flatMap((f) => [...f.keys()]))];
  const differingPaths = paths.filter((p) => new Set(flat.map((f) => JSON.stringify(f.get(p)) ?? 'undefined')).size > 1);
  const names = shortNames(differingPaths);
  const differing = differingPaths.map((path) => ({ path, values: flat.map((f) => show(f.get(path))) }));
  const params = flat.map((f) => Object.fromEntries(differingPaths.map((p) => [p, show(f.get(p))])));
  const origin = (g: GroupOrigin) => `#${g.experimentId} ${g.experimentName}${g.configCount > 1 ? ` · configuration ${g.configIndex + 1} of ${g.configCount}` : ''}`;
  let labels = groups.map((g, i) =>
    differingPaths.length ? differingPaths.map((p, j) => `${names[j]}=${params[i]![p]}`).join(', ') : origin(g),
  );
  labels = labels.map((l, i) => (labels.indexOf(l) !== labels.lastIndexOf(l) ? `${l} (#${groups[i]!.experimentId}${groups[i]!.configCount > 1 ? `/${groups[i]!.configIndex + 1}` : ''})` : l));
  const titles = groups.map((g, i) => (differingPaths.length ? `${origin(g)} (${labels[i]})` : origin(g)));
  return { labels, titles, params, differing };
}
