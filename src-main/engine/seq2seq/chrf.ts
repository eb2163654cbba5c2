// chrF (Popović 2015): character n-gram F-score, as sacreBLEU computes it by default (char_order 6,
// word_order 0, β = 2, whitespace removed, no epsilon smoothing). Hand-written: npm has no maintained chrF
// (sacreBLEU is Python); ~40 lines, checked against sacreBLEU's published examples in chrf.test.ts.

/** Per n-gram order: n-grams of the hypothesis, of the reference, and matched (clipped counts). */
export type ChrfStatistics = number[];

const ORDER = 6;
const BETA = 2;

/** Counts of the character n-grams of order `n` of `chars` (code points). */
function ngrams(chars: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= chars.length; i++) {
    const g = chars.slice(i, i + n).join('');
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

/** The chrF statistics of one hypothesis against its reference: 3 numbers per order 1…6. */
export function chrfStatistics(hypothesis: string, reference: string): ChrfStatistics {
  // sacreBLEU's default drops all whitespace before extracting n-grams.
  const hyp = Array.from(hypothesis.replace(/\s+/gu, ''));
  const ref = Array.from(reference.replace(/\s+/gu, ''));
  const out: number[] = [];
  for (let n = 1; n <= ORDER; n++) {
    const h = ngrams(hyp, n);
    const r = ngrams(ref, n);
    let matched = 0;
    for (const [g, c] of h) matched += Math.min(c, r.get(g) ?? 0);
    out.push(Math.max(0, hyp.length - n + 1), Math.max(0, ref.length - n + 1), matched);
  }
  return out;
}

/**
 * chrF (0–100) from summed statistics: precision and recall averaged over the orders both sides have n-grams
 * of, then F_β. Corpus chrF sums the statistics of every sentence first (sacreBLEU's `corpus_score`).
 */
export function chrfFromStatistics(stats: ChrfStatistics): number {
  let precision = 0;
  let recall = 0;
  let effective = 0;
  for (let i = 0; i < ORDER; i++) {
    const [hyp, ref, matched] = [stats[3 * i]!, stats[3 * i + 1]!, stats[3 * i + 2]!];
    if (hyp > 0 && ref > 0) {
      precision += matched / hyp;
      recall += matched / ref;
      effective++;
    }
  }
  if (effective === 0) return 0;
  precision /= effective;
  recall /= effective;
  const b2 = BETA * BETA;
  return precision + recall > 0 ? (100 * (1 + b2) * precision * recall) / (b2 * precision + recall) : 0;
}

/** Corpus chrF (0–100) of hypotheses against one reference each. */
export function corpusChrf(hypotheses: readonly string[], references: readonly string[]): number {
  const sum = new Array<number>(3 * ORDER).fill(0);
  hypotheses.forEach((h, i) => chrfStatistics(h, references[i]!).forEach((v, k) => (sum[k]! += v)));
  return chrfFromStatistics(sum);
}
