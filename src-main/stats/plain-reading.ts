import type { Correction } from './p-adjust.js';

/** What {@link plainReading} needs to say one comparison in words. */
export interface ReadingInput {
  /** Display names of the two sides (the differing parameters, e.g. "units=1"). */
  readonly nameA: string;
  readonly nameB: string;
  /** P(A > B) in the metric's raw direction, ties ½ (from `probabilityOfSuperiority`). */
  readonly pAGreater: number;
  /** Whether P(A > B) was taken over paired repeats (same seeds) or over all pairs of repeats. */
  readonly paired: boolean;
  /** True for metrics such as RMSE or loss, where the smaller value wins. */
  readonly lowerIsBetter: boolean;
  /** The adjusted p-value to quote, and the correction that produced it ('none' for a raw p). */
  readonly pValue: number;
  readonly correction: Correction | 'none';
  /** When given, the sentence ends with whether the p is significant at this α. */
  readonly alpha?: number;
}

const CORRECTION_NAMES: Record<Correction | 'none', string> = { holm: 'Holm-adjusted p', bonferroni: 'Bonferroni-adjusted p', bh: 'BH-adjusted p', none: 'p' };

/** p to three decimals, or "< 0.001". */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

/**
 * One plain sentence for a comparison, the winner named first, e.g.
 * "A beats B in 83 % of paired repeats; Holm-adjusted p = 0.004". "Beats" follows the metric's direction
 * (`lowerIsBetter`); unpaired comparisons say "of pairs of repeats (unpaired)".
 */
export function plainReading(input: ReadingInput): string {
  const aWins = input.lowerIsBetter ? 1 - input.pAGreater : input.pAGreater;
  const [winner, loser, share] = aWins >= 0.5 ? [input.nameA, input.nameB, aWins] : [input.nameB, input.nameA, 1 - aWins];
  const over = input.paired ? 'of paired repeats' : 'of pairs of repeats (unpaired)';
  const p = `${CORRECTION_NAMES[input.correction]} ${formatP(input.pValue)}`;
  const head = Number.isNaN(share)
    ? `${input.nameA} vs ${input.nameB}: no repeats to compare`
    : share === 0.5
      ? `${input.nameA} and ${input.nameB} each win half ${over}`
      : `${winner} beats ${loser} in ${Math.round(share * 100)} % ${over}`;
  const verdict =
    input.alpha === undefined || Number.isNaN(input.pValue)
      ? ''
      : input.pValue <= input.alpha
        ? `; significant at α = ${input.alpha}`
        : `; not significant at α = ${input.alpha}`;
  return `${head}; ${p}${verdict}`;
}
