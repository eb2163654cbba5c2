import { describe, expect, it } from 'vitest';
import { boxplotOption } from './boxplot.js';
import { figureLayout, figureOption } from './figure.js';
import { lightColour, palette, withAlpha } from './palette.js';

describe('figureLayout', () => {
  it('lays a 7 in figure out at 96 CSS px per inch and rasterises it at 300 dpi', () => {
    const l = figureLayout({ width: 'double', fontPt: 9, dpi: 300 }, { width: 1500, height: 380 });
    expect(l).toEqual({ width: 672, height: 384, pixelRatio: 300 / 96, inches: { width: 7, height: 4 } });
    expect(l.width * l.pixelRatio).toBe(2100); // exactly: whole pixels at both scales
    expect(l.height * l.pixelRatio).toBe(1200);
    expect(figureLayout({ width: 'single', fontPt: 9, dpi: 300 }, { width: 1, height: 1 }).width * (300 / 96)).toBeCloseTo(1050, 9);
    expect(figureLayout({ width: 'screen', fontPt: 9, dpi: 300 }, { width: 800, height: 380 })).toMatchObject({ width: 800, height: 380, pixelRatio: 2 });
  });
});

describe('figureOption', () => {
  const dark = boxplotOption([{ label: 'a', values: [1, 2, 3], box: [1, 1.5, 2, 2.5, 3], baselines: { persistence: 2 } }], { metric: 'rmse', theme: 'dark' });

  it('is on white with no dark-palette colour left, whatever the screen theme', () => {
    const out = figureOption(dark, 'rmse per repeat', { width: 'double', fontPt: 9, dpi: 300 });
    expect(out.backgroundColor).toBe('#ffffff');
    const text = JSON.stringify(out);
    const d = palette('dark');
    for (const c of [d.text, d.accent, d.baseline, d.muted, ...d.series]) expect(text.toLowerCase()).not.toContain(c.toLowerCase());
    expect(text).toContain(palette('light').baseline);
  });

  it('sets every text to the chosen size in points (title one point larger)', () => {
    const out = figureOption(dark, 'rmse per repeat', { width: 'single', fontPt: 9, dpi: 300 });
    const sizes = [...JSON.stringify(out).matchAll(/"fontSize":([\d.]+)/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(2);
    expect(new Set(sizes)).toEqual(new Set([12, 12 + 96 / 72])); // 9 pt = 12 CSS px
    expect((out.title as { textStyle: { fontSize: number } }).textStyle.fontSize).toBeCloseTo(10 * 96 / 72, 12);
    expect((out.xAxis as { axisLabel: { fontSize: number } }[])[0]!.axisLabel.fontSize).toBe(12);
  });

  it('keeps the screen option untouched', () => {
    const before = JSON.stringify(dark);
    figureOption(dark, 't', { width: 'double', fontPt: 9, dpi: 300 });
    expect(JSON.stringify(dark)).toBe(before);
  });
});

describe('lightColour', () => {
  it('maps dark colours, plain and with alpha, to their light counterparts', () => {
    expect(lightColour('#60a5fa')).toBe('#2563eb');
    expect(lightColour(withAlpha('#60a5fa', 0.4))).toBe(withAlpha('#2563eb', 0.4));
    expect(lightColour('#123456')).toBe('#123456');
  });
});
