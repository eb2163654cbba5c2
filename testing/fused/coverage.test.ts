import { describe, expect, it } from 'vitest';
import { gradientCases } from './cases.js';
import { bidirectionalCases, embeddingDropoutCases, maskingCases } from './cases-layers.js';
import { optionCases } from './cases-options.js';
import { caseFeatures, missingFeatures, requiredFeatures } from './coverage.js';

// The lists the finite-difference suites run (src-main/engine/fused/*-gradients.test.ts, finite-differences.test.ts).
const finiteDifferenceCases = [...gradientCases, ...bidirectionalCases, ...embeddingDropoutCases, ...maskingCases, ...optionCases];

describe('finite-difference coverage', () => {
  it('every cell, option, activation, merge mode and loss of the contract is checked against finite differences', () => {
    expect(missingFeatures(finiteDifferenceCases)).toEqual([]);
  });

  it('including what tfjs cannot check (GRU reset_after in Bidirectional, seeded dropout), which runs on finite differences only', () => {
    const fdOnly = new Set(finiteDifferenceCases.filter((c) => c.noTfjs !== undefined).flatMap((c) => [...caseFeatures(c)]));
    for (const f of ['bidirectional gru reset_after', 'bidirectional gru reset_after masked', 'dropout rate > 0', 'dropout rate > 0 masked']) expect(fdOnly, f).toContain(f);
  });

  it('the feature list is derived from the case (a sanity check of caseFeatures)', () => {
    const f = caseFeatures({ name: 'x', layers: [{ bidirectional: { layer: { gru: { units: 2, useBias: false } }, mergeMode: 'ave' } }, { dense: { units: 1 } }], batchSize: 2, steps: 3, features: 1, loss: 'mae', lengths: [3, 1] });
    expect([...f].sort()).toEqual([
      'bidirectional gru reset_after', 'bidirectional gru reset_after masked', 'bidirectional mergeMode ave', 'dense activation linear',
      'gru reset_after activation tanh', 'gru reset_after recurrentActivation sigmoid', 'gru reset_after without bias', 'loss mae last step',
    ]);
    expect(requiredFeatures()).toContain('gru reset_before recurrentActivation relu');
  });
});
