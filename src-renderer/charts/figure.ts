import type { EChartsOption } from 'echarts';
import { forExport } from './common.js';
import { lightColour } from './palette.js';

/** CSS pixels per inch: ECharts lays a chart out in CSS pixels. */
const CSS_PX_PER_IN = 96;

/** The width a figure is exported at: the chart's size on screen, or a journal's single or double column. */
export type FigureWidth = 'screen' | 'single' | 'double';
/**
 * Sizes in inches are multiples of 1/4 in, so both the CSS layout (96 px/in) and a 300 dpi raster are whole
 * pixels: 7 × 4 in is exactly 672 × 384 CSS px and 2100 × 1200 px.
 */
export const FIGURE_WIDTHS: readonly { readonly id: FigureWidth; readonly label: string; readonly inches: number | null; readonly heightInches: number | null }[] = [
  { id: 'screen', label: 'as on screen (2×)', inches: null, heightInches: null },
  { id: 'single', label: 'single column (3.5 × 2.5 in)', inches: 3.5, heightInches: 2.5 },
  { id: 'double', label: 'double column (7 × 4 in)', inches: 7, heightInches: 4 },
];
/** Font sizes offered, points. */
export const FIGURE_FONTS_PT: readonly number[] = [7, 8, 9, 10, 12];

/** How a figure is exported. */
export interface FigureSettings {
  readonly width: FigureWidth;
  /** Text size in points (at the figure's physical size); ignored for 'screen'. */
  readonly fontPt: number;
  /** Resolution of PNGs of a physical size, dots per inch. */
  readonly dpi: number;
}
export const DEFAULT_FIGURE: FigureSettings = { width: 'double', fontPt: 9, dpi: 300 };

/**
 * Where a figure is laid out and how it is rasterised: CSS size (inches × 96) and the pixel ratio that makes
 * `dpi` dots per inch (a 7 × 4 in figure at 300 dpi is 2100 × 1200 px); the screen size at 2× for 'screen'.
 */
export function figureLayout(s: FigureSettings, screen: { width: number; height: number }): { width: number; height: number; pixelRatio: number; inches: { width: number; height: number } | null } {
  const size = FIGURE_WIDTHS.find((w) => w.id === s.width);
  const inches = size?.inches ?? null;
  if (inches === null || !size?.heightInches) return { width: screen.width, height: screen.height, pixelRatio: 2, inches: null };
  const h = size.heightInches;
  return { width: Math.round(inches * CSS_PX_PER_IN), height: Math.round(h * CSS_PX_PER_IN), pixelRatio: s.dpi / CSS_PX_PER_IN, inches: { width: inches, height: h } };
}

type Json = unknown;
/** Deep copy of an option's plain objects and arrays with `fix` applied to every string and fontSize (functions, numbers kept). */
function mapOption(node: Json, fix: (key: string, value: unknown) => unknown, key = ''): Json {
  if (Array.isArray(node)) return node.length > 0 && typeof node[0] === 'number' ? node : node.map((v) => mapOption(v, fix, key));
  if (typeof node === 'object' && node !== null && Object.getPrototypeOf(node) === Object.prototype) {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mapOption(fix(k, v), fix, k)]));
  }
  return typeof node === 'string' ? fix(key, node) : node;
}

/**
 * The option as a paper figure: {@link forExport}'s title and no animation, on white with the light palette's
 * colours whatever theme the screen uses, and — at a physical size — every text at `fontPt` points (the title
 * one point larger). Pure: the option given is not changed.
 */
export function figureOption(option: EChartsOption, title: string, s: FigureSettings): EChartsOption {
  const physical = s.width !== 'screen';
  const px = (s.fontPt * CSS_PX_PER_IN) / 72;
  const out = forExport(option, title, 'light');
  const fixed = mapOption(out, (k, v) => {
    if (typeof v === 'string') return lightColour(v);
    if (physical && k === 'fontSize' && typeof v === 'number') return px;
    return v;
  }) as EChartsOption;
  const withFont = (axis: unknown): unknown =>
    Array.isArray(axis) ? axis.map(withFont) : axis && typeof axis === 'object' ? { ...axis, axisLabel: { ...(axis as { axisLabel?: object }).axisLabel, fontSize: px }, nameTextStyle: { ...(axis as { nameTextStyle?: object }).nameTextStyle, fontSize: px } } : axis;
  return {
    ...fixed,
    backgroundColor: '#ffffff',
    ...(physical
      ? {
          textStyle: { ...(fixed.textStyle as object), fontSize: px },
          title: { ...(fixed.title as object), textStyle: { ...((fixed.title as { textStyle?: object }).textStyle ?? {}), fontSize: px + 96 / 72 } },
          ...(fixed.xAxis ? { xAxis: withFont(fixed.xAxis) as EChartsOption['xAxis'] } : {}),
          ...(fixed.yAxis ? { yAxis: withFont(fixed.yAxis) as EChartsOption['yAxis'] } : {}),
          ...(fixed.legend && !Array.isArray(fixed.legend) ? { legend: { ...fixed.legend, textStyle: { ...(fixed.legend as { textStyle?: object }).textStyle, fontSize: px } } } : {}),
        }
      : {}),
  };
}
