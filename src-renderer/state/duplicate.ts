/**
 * The description of a duplicate: "copy of #3: LSTM(4) on shampoo" — marked, so that a duplicate edited into
 * LSTM(1) does not go on saying "LSTM(4)" unnoticed. An earlier "copy of …:" prefix is replaced, not stacked.
 */
export function copyDescription(copyOf: string, description: string): string {
  const original = description.replace(/^copy of [^:]*:\s*/, '').trim();
  return original ? `copy of ${copyOf}: ${original}` : `copy of ${copyOf}`;
}
