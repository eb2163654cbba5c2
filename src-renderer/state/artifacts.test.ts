import { describe, expect, it } from 'vitest';
import { confusionOf, instancePositionsOf, misclassifiedOf, perClassOf, repeatsOf, samplesOf, type RepeatArtifacts } from './artifacts.js';

const rep = (repeat: number, artifacts: Record<string, unknown>, configIndex = 0): RepeatArtifacts => ({ trialId: repeat, repeat, configIndex, metrics: {}, artifacts });

describe('artifact readers', () => {
  it('picks a configuration in repeat order', () => {
    expect(repeatsOf([rep(2, {}), rep(1, {}, 1), rep(1, {})], 0).map((a) => a.repeat)).toEqual([1, 2]);
    expect(repeatsOf(null, 0)).toEqual([]);
  });

  it('reads the confusion matrix and per-class accuracy, or null', () => {
    expect(confusionOf(rep(1, { confusion: [[1, 2], [3, 4]] }))).toEqual([[1, 2], [3, 4]]);
    expect(confusionOf(rep(1, { confusion: [[1, 'x']] }))).toBeNull();
    expect(confusionOf(rep(1, {}))).toBeNull();
    expect(perClassOf(rep(1, { perClassAccuracy: [1, null] }))).toEqual([1, NaN]);
  });

  it('keeps well-formed misclassified examples and their pixels', () => {
    const pixels = new Array<number>(784).fill(0);
    const list = misclassifiedOf(rep(3, { misclassified: [{ row: 5, label: 3, predicted: 5, confidence: 0.8, pixels }, { label: 'x' }, { label: 1, predicted: 7, pixels: [1] }] }));
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ repeat: 3, row: 5, label: 3, predicted: 5, confidence: 0.8 });
    expect(list[0]!.pixels).toHaveLength(784);
    expect(list[1]!.pixels).toBeNull();
  });

  it('reads samples and instance positions', () => {
    expect(samplesOf(rep(1, { samples: [{ temperature: 0.5, prompt: 'ab', text: 'cd' }, { text: 1 }] }))).toEqual([{ temperature: 0.5, prompt: 'ab', text: 'cd' }]);
    expect(instancePositionsOf(rep(1, { instancePositions: [12.2, 12.3] }))).toEqual([12.2, 12.3]);
    expect(instancePositionsOf(rep(1, {}))).toBeNull();
    expect(instancePositionsOf(undefined)).toBeNull();
  });
});
