import { writeFileSync } from 'node:fs';

/**
 * Writes a small labeled sequence set in csv-wide form (`id, tok_0 … tok_{steps-1}, label`): categorical integer
 * tokens 0 … 5, so an Embedding(inputDim 6) reads them. Class "low" draws mostly tokens 0–2 and class "high"
 * mostly 3–5 (one token in four from the other half), deterministic for a given `n`; classes alternate
 * (`n / 2` of each, the extra one "low"). Returns the path.
 */
export function writeTokenSequences(path: string, n = 60, steps = 8): string {
  const rows = [`id,${Array.from({ length: steps }, (_, t) => `tok_${t}`).join(',')},label`];
  for (let i = 0; i < n; i++) {
    const high = i % 2 === 1;
    const tokens = Array.from({ length: steps }, (_, t) => {
      const k = (i * 7 + t * 3) % 12; // a fixed scramble: no randomness, the same file every time
      const other = k % 4 === 0;
      return (high !== other ? 3 : 0) + (k % 3);
    });
    rows.push(`s${i},${tokens.join(',')},${high ? 'high' : 'low'}`);
  }
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

/** The seed-000 model (Embedding → LSTM(10, seq) → Dropout → LSTM(10, seq) → LSTM(10) → Dropout → Dense(64, sigmoid) → Dense(2, softmax)). */
export const SEED_000_LAYERS = (dropout: number) => [
  { embedding: { inputDim: 6, outputDim: 6 } },
  { lstm: { units: 10, returnSequences: true } },
  { dropout: { rate: dropout } },
  { lstm: { units: 10, returnSequences: true } },
  { lstm: { units: 10 } },
  { dropout: { rate: dropout } },
  { dense: { units: 64, activation: 'sigmoid' } },
  { dense: { units: 2, activation: 'softmax' } },
];
