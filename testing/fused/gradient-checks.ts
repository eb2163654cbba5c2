import type { GradientCase } from './cases.js';
import { caseData, relativeError } from './check-data.js';
import { FusedModel } from '../../src-main/engine/fused/model.js';
import { TfjsOracle } from './tfjs-oracle.js';

/** Seed the dropout masks restart from before each evaluation, so every evaluation draws the same masks. */
const DROPOUT_SEED = 11;

/** Per-weight errors of one check: `errors[name]` is max|Δ| / max|reference| over that tensor. */
export interface CheckResult {
  readonly errors: Record<string, number>;
  readonly worst: number;
  /** Relative loss error (tfjs check only; 0 for finite differences). */
  readonly loss: number;
}

/**
 * Central finite differences (step `h`, Float64) over every parameter of a gradient case against the fused
 * model's analytic gradients. Dropout masks are fixed by reseeding before each evaluation. Test helper.
 */
export function finiteDifferenceCheck(c: GradientCase, h = 1e-5): CheckResult {
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
  const errors: Record<string, number> = {};
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
    errors[g.name] = relativeError(g.values, numeric);
  }
  return { errors, worst: Math.max(...Object.values(errors)), loss: 0 };
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
    const errors: Record<string, number> = {};
    ours.forEach((g, i) => (errors[g.name] = relativeError(g.values, ref.grads[i]!)));
    return { errors, worst: Math.max(...Object.values(errors)), loss: Math.abs(loss - ref.loss) / Math.abs(ref.loss) };
  } finally {
    oracle.dispose();
  }
}
