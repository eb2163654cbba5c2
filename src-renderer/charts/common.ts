import type { EChartsOption } from 'echarts';
import { palette, type ThemeName } from './palette.js';

/** Options every chart shares: transparent background (the page's shows), theme text, animation off for big data. */
export function baseOption(theme: ThemeName, title?: string): EChartsOption {
  const p = palette(theme);
  return {
    backgroundColor: 'transparent',
    color: [...p.series],
    textStyle: { color: p.text },
    ...(title ? { title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 14, color: p.text } } } : {}),
    grid: { left: 64, right: 24, top: title ? 48 : 36, bottom: 70, containLabel: false },
  };
}

/** Formats a tooltip/axis number with three decimals. */
export function num3(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : String(value);
}
