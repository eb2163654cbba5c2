import type { EChartsOption } from 'echarts';
import { curvesOption, type EpochCurve } from './curves.js';
import { palette, type ThemeName } from './palette.js';

export type { EpochCurve };

export interface LossSettings {
  readonly configIndex: number;
  readonly theme: ThemeName;
  /** Also draw each repeat's curve faintly (default false). */
  readonly showRepeats?: boolean;
  /** Logarithmic y axis (the band's lower edge is clamped to the smallest positive value). */
  readonly log?: boolean;
  readonly title?: string;
  /** Most epochs drawn (longer runs are thinned by a stride; default 2000). */
  readonly maxPoints?: number;
}

/**
 * Training loss per epoch of one configuration: the mean ± std band (two stacked lines), the mean line,
 * and optionally every repeat's curve (all named 'repeats'). Value x axis; data are [epoch, loss] pairs.
 */
export function lossOption(curves: readonly EpochCurve[], settings: LossSettings): EChartsOption {
  const p = palette(settings.theme);
  return curvesOption(
    [{ name: 'mean', bandName: 'mean ± std', repeatsName: 'repeats', curves, color: p.accent, repeatColor: p.accent2 }],
    { ...settings, yName: 'loss' },
  );
}
