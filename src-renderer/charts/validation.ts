import type { EChartsOption } from 'echarts';
import { curvesOption, type EpochCurve } from './curves.js';
import { lossOption } from './loss.js';
import { palette, type ThemeName } from './palette.js';

export interface EpochChartSettings {
  readonly configIndex: number;
  readonly theme: ThemeName;
  readonly showRepeats?: boolean;
  readonly log?: boolean;
  readonly title?: string;
}

/** The validation series shown beside the loss chart, headline-like metrics first (val_loss sits with loss). */
const ORDER = ['val_accuracy', 'val_bpc', 'val_mse', 'val_mae'];

/**
 * Names of the per-epoch series that get their own chart: every stored name except `loss` and `val_loss`
 * (drawn together on the loss chart), in the order val_accuracy, val_bpc, val_mse, val_mae, then the rest A–Z.
 */
export function validationMetricNames(names: readonly string[]): string[] {
  const rest = names.filter((n) => n !== 'loss' && n !== 'val_loss');
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return [...rest].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The data-testid of a validation metric's chart: `accuracy-chart` for val_accuracy, else `validation-chart`. */
export function validationTestId(metric: string): string {
  return metric === 'val_accuracy' ? 'accuracy-chart' : 'validation-chart';
}

/** Upper bound of a metric's values (accuracies are fractions), if it has one. */
export function metricCeiling(metric: string): number | undefined {
  return /accuracy/.test(metric) ? 1 : undefined;
}

/**
 * Training loss and, when given, validation loss per epoch of one configuration, each as mean ± std band and
 * mean line. Without validation curves this is exactly {@link lossOption} (the forecast view's chart).
 */
export function lossCurvesOption(train: readonly EpochCurve[], validation: readonly EpochCurve[] | null, settings: EpochChartSettings): EChartsOption {
  if (!validation || !validation.some((c) => c.configIndex === settings.configIndex)) return lossOption(train, settings);
  const p = palette(settings.theme);
  return curvesOption(
    [
      { name: 'loss', bandName: 'loss ± std', curves: train, color: p.accent },
      { name: 'val_loss', bandName: 'val_loss ± std', curves: validation, color: p.accent2 },
    ],
    { ...settings, yName: 'loss' },
  );
}

/** One validation metric per epoch (mean ± std over repeats, optionally each repeat), its name on the y axis. */
export function validationOption(metric: string, curves: readonly EpochCurve[], settings: EpochChartSettings): EChartsOption {
  const p = palette(settings.theme);
  const max = metricCeiling(metric);
  return curvesOption([{ name: metric, curves, color: p.series[2]! }], { ...settings, yName: metric, ...(max !== undefined ? { max } : {}) });
}

export type { EpochCurve };
