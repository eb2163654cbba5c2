import type { GradientCase } from './cases.js';
import { caseData, relativeError } from './check-data.js';
import { FusedModel } from '../../src-main/engine/fused/model.js';
import { TfjsOracle } from './tfjs-oracle.js';

/** Seed the dropout masks restart from before each evaluation, so every evaluation draws the same masks. */
const DROPOUT_SEED = 11;

/** One weight tensor's gradient from the fused model and from the reference it is checked against. */
export interface GradientPair {
  readonly name: string;
  readonly analytic: Float64Array;
  readonly reference: ArrayLike<number>;
}

/** Per-weight errors of one check: `errors[name]` is max|Δ| / max|reference| over that tensor. */
export interface CheckResult {
  readonly errors: Record<string, number>;
  readonly worst: number;
  /** Relative loss error (tfjs check only; 0 for finite differences). */
  readonly loss: number;
}

/** The per-tensor relative errors of `pairs` (and a relative loss error, when there is one). */
export function compareGradients(pairs: readonly GradientPair[], loss = 0): CheckResult {
  const errors: Record<string, number> = {};
  for (const p of pairs) errors[p.name] = relativeError(p.analytic, p.reference);
  return { errors, worst: Math.max(...Object.values(errors)), loss };
}

/** The names of the tensors (and 'loss') whose error exceeds `tolerance`: what a check rejects; [] when it passes. */
export function rejected(result: CheckResult, tolerance: number): string[] {
  const bad = Object.entries(result.errors).filter(([, e]) => !(e <= tolerance)).map(([name]) => name);
  return result.loss <= tolerance ? bad : [...bad, 'loss'];
}

/**
 * The fused model's analytic gradients of a gradient case beside central finite differences (step `h`, Float64)
 * over every parameter. Dropout masks are fixed by reseeding before each evaluation; a warm case starts every
 * evaluation from the same carried state.
 */
export function finiteDifferenceGradients(c: GradientCase, h = 1e-5): GradientPair[] {
  const d = caseData(c);
  const model = new FusedModel(d.request, { loss: c.loss });
  if (c.warm) model.lossAndGradients(d.warmX, d.warmY);
  const states = model.getStates();
  const lossAt = (): number => {
    model.setStates(states);
    model.reseedDropout(DROPOUT_SEED);
    return model.lossAndGradients(d.x, d.y);
  };
  lossAt();
  const analytic = model.getGradients();
  const pairs: GradientPair[] = [];
  let offset = 0;
  for (const g of analytic) {
    const numeric = new Float64Array(g.values.length);
    for (let i = 0; i < g.values.length; i++) {
      const k = offset + i;
      const w = model.params[k]!;
      model.params[k] = w + h;
      const up = lossAt();
      model.params[k] = w - h;
      const down = lossAt();
      model.params[k] = w;
      numeric[i] = (up - down) / (2 * h);
    }
    offset += g.values.length;
    pairs.push({ name: g.name, analytic: Float64Array.from(g.values), reference: numeric });
  }
  model.dispose();
  return pairs;
}

/** Central finite differences against the fused model's analytic gradients (see {@link finiteDifferenceGradients}). */
export function finiteDifferenceCheck(c: GradientCase, h = 1e-5): CheckResult {
  return compareGradients(finiteDifferenceGradients(c, h));
}

/** The fused model's loss and gradients of a gradient case against tfjs `variableGrads` on the same weights. */
export function tfjsCheck(c: GradientCase): CheckResult {
  const d = caseData(c);
  const model = new FusedModel(d.request, { loss: c.loss });
  if (c.warm) model.lossAndGradients(d.warmX, d.warmY);
  const states = model.getStates();
  const loss = model.lossAndGradients(d.x, d.y);
  const ours = model.getGradients();
  const oracle = new TfjsOracle(d.request.model, d.x.n, c.steps, c.features, model.getWeights());
  try {
    const ref = oracle.lossAndGradients(d.x, d.y, c.loss, states);
    const pairs = ours.map((g, i) => ({ name: g.name, analytic: Float64Array.from(g.values), reference: ref.grads[i]! }));
    return compareGradients(pairs, Math.abs(loss - ref.loss) / Math.abs(ref.loss));
  } finally {
    oracle.dispose();
    model.dispose();
  }
}
