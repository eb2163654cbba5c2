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

/**
 * The option as exported to a picture: a title on top (the page shows it in the panel header instead),
 * the theme's opaque background, no animation. The grid moves down to make room for the title.
 */
export function forExport(option: EChartsOption, title: string, theme: ThemeName): EChartsOption {
  const p = palette(theme);
  const grid = option.grid && !Array.isArray(option.grid) ? option.grid : {};
  const top = typeof grid.top === 'number' ? grid.top : 36;
  return {
    ...option,
    animation: false,
    backgroundColor: p.background,
    title: { text: title, left: 'center', top: 6, textStyle: { fontSize: 14, color: p.text } },
    grid: { ...grid, top: top + 22 },
  };
}
