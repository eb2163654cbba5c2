import { describe, expect, it } from 'vitest';
import { chrfFromStatistics, chrfStatistics, corpusChrf } from './chrf.js';

describe('chrF (sacreBLEU defaults: 6 character orders, β = 2, whitespace removed)', () => {
  it("gives sacreBLEU's published scores", () => {
    // The metric card of sacreBLEU's chrF (HuggingFace `evaluate`), computed by sacreBLEU 2.x.
    expect(corpusChrf(['The relationship between Obama and Netanyahu is not exactly friendly.'], ['The ties between Obama and Netanyahu are not particularly friendly.'])).toBeCloseTo(61.576379378113785, 10);
    expect(
      corpusChrf(
        ['The relationship between cats and dogs is not exactly friendly.', 'a good bookshop is just a genteel black hole that knows how to read.'],
        ['The relationship between dogs and cats is not exactly friendly.', 'A good bookshop is just a genteel Black Hole that knows how to read.'],
      ),
    ).toBeCloseTo(84.64214891738334, 10);
  });

  it('matches a hand-worked short example', () => {
    // "ab" vs "abc": 1-grams: hyp 2, ref 3, matched 2; 2-grams: hyp 1, ref 2, matched 1; orders 3–6: the
    // hypothesis has none, so only orders 1 and 2 count. P = (1 + 1)/2 = 1, R = (2/3 + 1/2)/2 = 7/12;
    // F₂ = 5·P·R / (4P + R) = (35/12) / (55/12) = 7/11.
    expect(chrfStatistics('ab', 'abc').slice(0, 6)).toEqual([2, 3, 2, 1, 2, 1]);
    expect(chrfFromStatistics(chrfStatistics('ab', 'abc'))).toBeCloseTo((100 * 7) / 11, 12);
    // Spaces are dropped: "a b" is "ab".
    expect(corpusChrf(['a b'], ['abc'])).toBeCloseTo((100 * 7) / 11, 12);
    expect(corpusChrf(['via láctea'], ['via láctea'])).toBe(100);
    expect(corpusChrf([''], ['rosto'])).toBe(0);
    // Characters are code points: an emoji is one character, not two UTF-16 units.
    expect(chrfStatistics('😀', '😀').slice(0, 3)).toEqual([1, 1, 1]);
  });
});
