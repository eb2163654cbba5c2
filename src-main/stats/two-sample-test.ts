import type { CompareTestName } from '../contract/compare.js';
import { correctedResampledT } from './corrected-t.js';
import { mannWhitney } from './mann-whitney.js';
import { pairedDifferences, pairedT } from './paired-t.js';
import { welchT } from './welch-t.js';
import { wilcoxon } from './wilcoxon.js';

/**
 * One named two-sample test of A against B: its statistic (t, U of A, or Wilcoxon's min(R+, R−)) and two-sided p.
 * `folds` is K for the corrected resampled t (paired cross-validation units; unused by the other tests).
 */
export function runTwoSampleTest(test: CompareTestName, a: readonly number[], b: readonly number[], folds = 0): { statistic: number; pValue: number } {
  switch (test) {
    case 'correctedT': {
      const r = correctedResampledT(pairedDifferences(a, b), { nTrain: folds - 1, nTest: 1 });
      return { statistic: r.t, pValue: r.pValue };
    }
    case 'wilcoxon': {
      const r = wilcoxon(a, b);
      return { statistic: r.statistic, pValue: r.pValue };
    }
    case 'mannWhitney': {
      const r = mannWhitney(a, b);
      return { statistic: r.u, pValue: r.pValue };
    }
    case 'pairedT': {
      const r = pairedT(a, b);
      return { statistic: r.t, pValue: r.pValue };
    }
    case 'welch': {
      const r = welchT(a, b);
      return { statistic: r.t, pValue: r.pValue };
    }
  }
}
