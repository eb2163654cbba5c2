import { describe, expect, it } from 'vitest';
import type { TrialOutcome } from '../contract/results.js';
import { decodeValue, encodeValue } from './outcome-codec.js';

describe('outcome codec', () => {
  it('round-trips an outcome bit for bit: float64 weights, NaN, ±Infinity, -0, subnormals', () => {
    const values = new Float64Array([0.1 + 0.2, -0, Number.MIN_VALUE, Number.MAX_VALUE, NaN, Infinity, -Infinity, 1 / 3]);
    const outcome: TrialOutcome = {
      metrics: { rmse: 101.23456789012345, mape: NaN, r2: -Infinity, zero: -0 },
      predictions: [{ split: 'test', step: 3, actual: 266, predicted: 5e-324 }],
      engine: 'fused',
      backend: 'js-f64',
      durationMs: 12.5,
      artifacts: { confusion: [[1, 0], [0, 1]], note: 'ok' },
      weights: [{ name: 'layers[0].lstm.kernel', shape: [2, 4], values }],
    };
    const back = decodeValue<TrialOutcome>(encodeValue(outcome));
    expect(back).toStrictEqual(outcome); // Object.is per number: NaN equals NaN, -0 is not 0
    const w = back.weights![0]!.values;
    expect(w).toBeInstanceOf(Float64Array);
    // The same 64 bits, including NaN's payload.
    expect(Buffer.from(w.buffer).equals(Buffer.from(values.buffer))).toBe(true);
    expect(Object.is(back.metrics.zero, -0)).toBe(true);
  });

  it('leaves objects that merely look tagged but have more keys alone', () => {
    expect(decodeValue(encodeValue({ a: { $num: 'NaN', other: 1 } }))).toEqual({ a: { $num: 'NaN', other: 1 } });
  });
});
