/**
 * Edit distance between two words (insertions, deletions, substitutions).
 * Written here rather than imported because `contract` may import only zod (DESIGN.md, import rule 1):
 * the renderer bundles this folder.
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known word closest to a misspelt one, or undefined when none is close
 * (edit distance above a third of the word's length, at least 2). Case differences always match.
 */
export function suggest(word: string, known: readonly string[]): string | undefined {
  const caseless = known.find((k) => k.toLowerCase() === word.toLowerCase());
  if (caseless) return caseless;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.ceil(word.length / 3)) ? best : undefined;
}
