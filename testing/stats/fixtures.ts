// Typed access to testing/stats/fixtures.json, written by make_fixtures.py from scipy (see that script).
import { readFileSync } from 'node:fs';

export interface TFixture { t: number; df: number; p: number; ciLow: number; ciHigh: number }
export interface UFixture { u: number; p: number }
export interface WFixture { statistic: number; p: number; z?: number }

export interface UnpairedCase {
  name: string;
  a: number[];
  b: number[];
  welch: TFixture;
  mannWhitney: { auto: UFixture; asymptotic: UFixture; exact: UFixture; autoIsExact: boolean };
  hedgesG: number;
  pSuperiority: number;
  cliffsDelta: number;
}

export interface PairedCase {
  name: string;
  a: number[];
  b: number[];
  pairedT: TFixture;
  zeros: number;
  ties: boolean;
  wilcoxon: {
    auto: WFixture;
    asymptotic: WFixture;
    asymptoticContinuity: WFixture;
    prattAsymptotic: WFixture;
    exact?: WFixture;
    autoIsExact: boolean;
  };
  pSuperiorityPaired: number;
}

export interface CorrectedCase { name: string; differences: number[]; nTrain: number; nTest: number; expected: TFixture }

export interface FriedmanCase {
  name: string;
  table: number[][];
  chiSquare: number;
  p: number;
  f: number;
  fP: number;
  /** Nemenyi pairwise p from scipy's studentized_range.sf at ∞ df, for the lower-is-better ranks. */
  nemenyiP: number[][];
  averageRanksLowerBetter: number[];
  averageRanksHigherBetter: number[];
}

export interface AdjustCase { p: number[]; holm: number[]; bh: number[]; bhScipy: number[]; bonferroni: number[] }

export interface StatsFixtures {
  generator: string;
  unpaired: UnpairedCase[];
  paired: PairedCase[];
  corrected: CorrectedCase[];
  friedman: FriedmanCase[];
  /** scipy studentized_range.ppf(1 − α, k, ∞)/√2 for k = 2..10, keyed "0.05" and "0.1". */
  nemenyiQ: Record<string, number[]>;
  adjust: AdjustCase[];
  /** Hedges' exact J(df), keyed by df. */
  hedgesCorrection: Record<string, number>;
}

/** The scipy fixtures (parsed once per test file). */
export const statsFixtures: StatsFixtures = JSON.parse(
  readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8'),
) as StatsFixtures;
