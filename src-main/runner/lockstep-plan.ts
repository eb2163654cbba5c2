import { lockstepSpecRefusal } from '../engine/fused/lockstep/eligibility.js';
import type { TrialTask } from './events.js';

/** What a pool worker runs at a time: one trial, or a lockstep group of repeats of one configuration. */
export type PoolJob = { readonly kind: 'trial'; readonly task: TrialTask } | { readonly kind: 'group'; readonly tasks: readonly TrialTask[] };

/** The most lanes in one group (memory and a group's latency stay bounded; shampoo-sized lanes cost ≈10 kB each). */
export const MAX_LANES = 256;

/**
 * The pool's jobs for `tasks`: tasks sharing one configuration (the same config object — the service hands each
 * configuration's trials the same one — and no cross-validation fold) whose spec lockstep may train
 * (engine/fused/lockstep/eligibility.ts) become groups, split evenly over the `workers` (30 repeats on 2
 * workers: 2 groups of 15), so every core trains one group and each pays its per-step overhead once for its
 * lanes; splitting finer would pay it more often, coarser would leave a core idle. A group of one is a trial.
 * Everything else stays one trial per job, in the tasks' order (a group sits where its first task was).
 */
export function planJobs(tasks: readonly TrialTask[], workers: number, lockstep: boolean): PoolJob[] {
  if (!lockstep) return tasks.map((task) => ({ kind: 'trial', task }));
  const byConfig = new Map<object, TrialTask[]>();
  const eligible = new Map<object, boolean>();
  for (const task of tasks) {
    if (task.fold !== undefined) continue;
    if (!eligible.has(task.config)) eligible.set(task.config, lockstepSpecRefusal(task.config) === null);
    if (!eligible.get(task.config)) continue;
    const list = byConfig.get(task.config) ?? [];
    list.push(task);
    byConfig.set(task.config, list);
  }
  const jobs: PoolJob[] = [];
  for (const task of tasks) {
    const same = task.fold === undefined ? byConfig.get(task.config) : undefined;
    if (same === undefined || same.length < 2) {
      jobs.push({ kind: 'trial', task });
      continue;
    }
    if (same[0] !== task) continue; // placed with its group
    const parts = Math.max(Math.min(workers, same.length), Math.ceil(same.length / MAX_LANES));
    for (let p = 0, from = 0; p < parts; p++) {
      const size = Math.floor(same.length / parts) + (p < same.length % parts ? 1 : 0);
      const part = same.slice(from, from + size);
      from += size;
      jobs.push(part.length === 1 ? { kind: 'trial', task: part[0]! } : { kind: 'group', tasks: part });
    }
  }
  return jobs;
}
