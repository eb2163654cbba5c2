import { describe, expect, it } from 'vitest';
import { formatP, plainReading } from './plain-reading.js';

describe('plain reading of a comparison', () => {
  const base = { nameA: 'LSTM(1)', nameB: 'LSTM(4)', paired: true, pValue: 0.004, correction: 'holm' as const };

  it("says the issue's sentence for a lower-is-better metric", () => {
    // RMSE: A is lower than B in 83 % of repeats, so P(A > B) = 0.17.
    expect(plainReading({ ...base, pAGreater: 0.17, lowerIsBetter: true })).toBe('LSTM(1) beats LSTM(4) in 83 % of paired repeats; Holm-adjusted p = 0.004');
  });

  it('names the winner first and says when the comparison is unpaired', () => {
    expect(plainReading({ ...base, pAGreater: 0.3, lowerIsBetter: false, paired: false, correction: 'bh', pValue: 0.2 })).toBe(
      'LSTM(4) beats LSTM(1) in 70 % of pairs of repeats (unpaired); BH-adjusted p = 0.200',
    );
  });

  it('adds the verdict at α when asked, and writes tiny p as < 0.001', () => {
    expect(plainReading({ ...base, pAGreater: 0.9, lowerIsBetter: false, pValue: 0.0001, alpha: 0.05 })).toBe(
      'LSTM(1) beats LSTM(4) in 90 % of paired repeats; Holm-adjusted p < 0.001; significant at α = 0.05',
    );
    expect(plainReading({ ...base, pAGreater: 0.6, lowerIsBetter: false, pValue: 0.07, correction: 'none', alpha: 0.05 })).toBe(
      'LSTM(1) beats LSTM(4) in 60 % of paired repeats; p = 0.070; not significant at α = 0.05',
    );
    expect(formatP(NaN)).toBe('n/a');
  });

  it('says a tie as a tie', () => {
    expect(plainReading({ ...base, pAGreater: 0.5, lowerIsBetter: true, pValue: 1 })).toBe('LSTM(1) and LSTM(4) each win half of paired repeats; Holm-adjusted p = 1.000');
  });
});
