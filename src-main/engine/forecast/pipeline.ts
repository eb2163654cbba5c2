import { LabError } from '../../contract/errors.js';
import { chosen } from '../../contract/one-of.js';
import type { PreprocessStep } from '../../contract/spec.js';
import { fitMinMax, fitStandardize, scaleValue, standardizeValue, unscaleValue, unstandardizeValue } from '../preprocess.js';

/** A forecast's preprocessing read from its steps: differencing interval (0: none), framing, and the scaler. */
export interface Pipeline {
  readonly interval: number;
  readonly lag: number;
  /** Steps ahead of the window's last step (1: the next one). A stored spec from before horizons has none: 1. */
  readonly horizon: number;
  readonly scale: { readonly kind: 'minmax'; readonly min: number; readonly max: number } | { readonly kind: 'standardize' } | undefined;
}

/** A fitted per-column scaler: `scale(j, x)` for column j, and its inverse. */
export interface ColumnScaler {
  scale(j: number, x: number): number;
  unscale(j: number, y: number): number;
}

/**
 * Reads and checks the preprocessing steps of a forecast (difference → supervised → minmax or standardize, in
 * that order, each at most once; supervised required). Throws LabError('SPEC_INVALID') naming the step.
 */
export function readPipeline(steps: readonly PreprocessStep[]): Pipeline {
  let interval = 0;
  let lag = 0;
  let horizon = 1;
  let scale: Pipeline['scale'];
  steps.forEach((step, i) => {
    const s = chosen(step);
    const where = `preprocessing[${i}].${s.kind}`;
    if (s.kind === 'difference') {
      if (interval || lag) throw new LabError('SPEC_INVALID', `${where}: difference must come first and only once`);
      interval = s.config.interval;
    } else if (s.kind === 'supervised') {
      if (lag) throw new LabError('SPEC_INVALID', `${where}: supervised framing appears twice; keep one`);
      lag = s.config.lag;
      horizon = (s.config.horizon as number | undefined) ?? 1;
    } else if (s.kind === 'minmax') {
      if (!lag || scale) throw new LabError('SPEC_INVALID', `${where}: minmax goes after supervised, once`);
      if (!(s.config.max > s.config.min)) throw new LabError('SPEC_INVALID', `${where}.max: must be greater than min`);
      scale = { kind: 'minmax', min: s.config.min, max: s.config.max };
    } else {
      if (!lag || scale) throw new LabError('SPEC_INVALID', `${where}: standardize goes after supervised, once (and not with minmax)`);
      scale = { kind: 'standardize' };
    }
  });
  if (!lag) {
    throw new LabError('SPEC_INVALID', 'preprocessing: forecasting needs a { "supervised": { "lag": 1 } } step to frame inputs and targets');
  }
  return { interval, lag, horizon, scale };
}

/** The path of a pipeline's step for messages, e.g. `preprocessing[1].supervised`. */
export const stepPath = (steps: readonly PreprocessStep[], kind: string): string => `preprocessing[${steps.findIndex((x) => chosen(x).kind === kind)}].${kind}`;

/** Fits the pipeline's scaler per column on `rows` (the training rows only); undefined when it has none. */
export function fitScaler(scale: Pipeline['scale'], rows: readonly Float64Array[]): ColumnScaler | undefined {
  if (!scale) return undefined;
  if (scale.kind === 'minmax') {
    const s = fitMinMax(rows, scale.min, scale.max);
    return { scale: (j, x) => scaleValue(s, j, x), unscale: (j, y) => unscaleValue(s, j, y) };
  }
  const s = fitStandardize(rows);
  return { scale: (j, x) => standardizeValue(s, j, x), unscale: (j, y) => unstandardizeValue(s, j, y) };
}
