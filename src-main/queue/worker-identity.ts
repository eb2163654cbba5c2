import { availableParallelism, hostname } from 'node:os';
import type { RanBy } from '../contract/results.js';
import { resolveKernelTier } from '../engine/kernels/tiers.js';
import { codeHash, rnnlabVersion } from './code-hash.js';

/** What a worker says about itself in every result and heartbeat (RanBy without the attempt). */
export type WorkerIdentity = Omit<RanBy, 'attempt'>;

/** This process as a queue worker named `name`: host, cores, kernel tier, versions and code hash. */
export function workerIdentity(name: string): WorkerIdentity {
  let kernelTier: string;
  try {
    kernelTier = resolveKernelTier('auto').label;
  } catch {
    kernelTier = 'js';
  }
  return {
    worker: name,
    host: hostname(),
    cores: availableParallelism(),
    kernelTier,
    versions: { rnnlab: rnnlabVersion(), node: process.version, code: codeHash() },
  };
}

/** The default worker name: host and pid, unique on one machine. */
export const defaultWorkerName = (): string => `${hostname()}-${process.pid}`;
