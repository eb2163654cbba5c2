import { describe, expect, it } from 'vitest';
import { digitCaption, digitImage } from './digits.js';

describe('digitImage', () => {
  it('draws dark ink on white, scaled by nearest neighbour', () => {
    const pixels = new Array<number>(784).fill(0);
    pixels[0] = 255; // top-left pixel fully inked
    pixels[28 + 1] = 100; // row 1, column 1
    const img = digitImage(pixels, 3);
    expect(img.width).toBe(84);
    expect(img.height).toBe(84);
    expect(img.data).toHaveLength(84 * 84 * 4);
    const rgba = (x: number, y: number) => Array.from(img.data.slice((y * 84 + x) * 4, (y * 84 + x) * 4 + 4));
    expect(rgba(0, 0)).toEqual([0, 0, 0, 255]);
    expect(rgba(2, 2)).toEqual([0, 0, 0, 255]);
    expect(rgba(3, 0)).toEqual([255, 255, 255, 255]);
    expect(rgba(3, 3)).toEqual([155, 155, 155, 255]);
    expect(rgba(5, 5)).toEqual([155, 155, 155, 255]);
    expect(rgba(83, 83)).toEqual([255, 255, 255, 255]);
  });

  it('clamps out-of-range intensities', () => {
    const img = digitImage([-5, 300, 0, 0], 1, 2);
    expect(Array.from(img.data.slice(0, 8))).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
  });

  it('refuses a wrong pixel count or scale', () => {
    expect(() => digitImage([1, 2, 3])).toThrow(/expected 784 pixels \(28 × 28\), got 3/);
    expect(() => digitImage(new Array<number>(784).fill(0), 0)).toThrow(/scale/);
  });
});

describe('digitCaption', () => {
  it('says the true and predicted class and the confidence', () => {
    expect(digitCaption(3, 5, 0.8234)).toBe('true 3 → 5 (0.82)');
  });
});
