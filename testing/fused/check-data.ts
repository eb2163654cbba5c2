import { makeRequest, randomClasses, randomSequences, randomTargets } from './fixtures.js';
import type { GradientCase } from './cases.js';
import { FusedModel } from '../../src-main/engine/fused/model.js';
import type { ModelRequest, Sequences } from '../../src-main/engine/sequence-model.js';

/** A built gradient case: the request, the optional warm-up batch and the checked batch. */
export interface CaseData {
  readonly request: ModelRequest;
  readonly warmX: Sequences;
  readonly warmY: Float64Array;
  readonly x: Sequences;
  readonly y: Float64Array;
}

/** Builds the request and seeded data of a gradient case. */
export function caseData(c: GradientCase, seed = 7): CaseData {
  const request = makeRequest(c.layers, { batchSize: c.batchSize, steps: c.steps, features: c.features }, { seed });
  const probe = new FusedModel(request, { loss: c.loss });
  const rows = c.rows ?? c.batchSize;
  const targets = (n: number, s: number): Float64Array => {
    if (c.loss === 'categoricalCrossentropy' || c.loss === 'sparseCategoricalCrossentropy') {
      const perRow = probe.outputIsSequence ? c.steps : 1;
      return randomClasses(n * perRow, probe.outputs, s, c.loss === 'sparseCategoricalCrossentropy');
    }
    return randomTargets(n * probe.targetWidth, s);
  };
  const inputs = (n: number, s: number): Sequences => {
    const x = randomSequences(n, c.steps, c.features, s);
    if (c.tokens === undefined) return x;
    const ids = Float64Array.from(x.data, (v) => Math.min(c.tokens! - 1, Math.floor(((v + 1) / 2) * c.tokens!)));
    return { ...x, data: ids };
  };
  const x = inputs(rows, seed + 2);
  return {
    request,
    warmX: inputs(c.batchSize, seed + 1),
    warmY: targets(c.batchSize, seed + 1),
    x: c.lengths ? { ...x, lengths: Int32Array.from(c.lengths) } : x,
    y: targets(rows, seed + 2),
  };
}

/** max|a − b| / max|b| over one tensor: the error relative to the tensor's scale (0 when both are all zero). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}
