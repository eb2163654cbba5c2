import { describe, expect, it } from 'vitest';
import { copyDescription } from './duplicate.js';

describe('Duplicate & edit', () => {
  it('marks the description as a copy, once', () => {
    expect(copyDescription('#3', 'LSTM(4) on shampoo')).toBe('copy of #3: LSTM(4) on shampoo');
    expect(copyDescription('#7', 'copy of #3: LSTM(4) on shampoo')).toBe('copy of #7: LSTM(4) on shampoo');
    expect(copyDescription('shampoo-lstm', '')).toBe('copy of shampoo-lstm');
  });
});
