import type { Optimizer as OptimizerSpec } from '../../contract/spec.js';
import { optimizerOf } from '../../contract/spec.js';
import type { NativeAddon } from '../kernels/native-addon.js';
import { argsFor } from './kernel-tier.js';
import { allocVec, type Precision, type Vec } from './types.js';

/**
 * From how many parameters Adam runs on a tier's exact kernel (same bits as the loop below, so the choice never
 * changes a result): a call costs ≈0.1 µs, the JS loop ≈3.5 ns a parameter (bench: shampoo lockstep).
 */
const NATIVE_ADAM_FROM = 32;

/**
 * Adam's epsilon placement. 'tfjs' (default, what the tfjs engine runs): w −= lr·m̂ / (√v̂ + ε) with
 * m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ). 'keras': Keras 3's w −= lr_t·m / (√v + ε) with
 * lr_t = lr·√(1−β2ᵗ)/(1−β1ᵗ), i.e. ε scaled by √(1−β2ᵗ). They differ only while √v ≈ ε.
 */
export type AdamEpsilonMode = 'tfjs' | 'keras';

/**
 * An optimizer over one flat parameter array, with its slots in flat arrays of the same precision.
 * `step` applies one update from `grads` (same layout as `params`) and allocates nothing.
 */
export class FlatOptimizer {
  private readonly kind: 'adam' | 'sgd' | 'rmsprop';
  private readonly lr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly momentum: number;
  private readonly nesterov: boolean;
  private readonly rho: number;
  private readonly kerasEps: boolean;
  /** Adam m, SGD/RMSprop momentum accumulator. */
  private readonly s1: Vec;
  /** Adam v, RMSprop mean square. */
  private readonly s2: Vec;
  private b1t = 1;
  private b2t = 1;
  /** The scalars of a native Adam step (lr, β1, β2, ε, c1, c2, lrT). */
  private readonly scalars = new Float64Array(7);
  /** Number of updates applied so far. */
  iterations = 0;

  /** `spec` is the validated optimizer of the training spec; `size` the number of parameters. */
  constructor(spec: OptimizerSpec, size: number, precision: Precision, adamEpsilon: AdamEpsilonMode = 'tfjs') {
    const o = optimizerOf(spec);
    this.kind = o.kind;
    this.lr = o.config.learningRate;
    this.beta1 = o.kind === 'adam' ? o.config.beta1 : 0;
    this.beta2 = o.kind === 'adam' ? o.config.beta2 : 0;
    this.eps = o.kind === 'sgd' ? 0 : o.config.epsilon;
    this.momentum = o.kind === 'adam' ? 0 : o.config.momentum;
    this.nesterov = o.kind === 'sgd' && o.config.nesterov;
    this.rho = o.kind === 'rmsprop' ? o.config.rho : 0;
    this.kerasEps = adamEpsilon === 'keras';
    const needs1 = o.kind === 'adam' || this.momentum > 0;
    this.s1 = allocVec(precision, needs1 ? size : 0);
    this.s2 = allocVec(precision, o.kind === 'sgd' ? 0 : size);
  }

  /**
   * params −= update(grads); both arrays have the length given to the constructor (and the slots' precision).
   * `native`: the trial's kernel tier, whose exact Adam kernel (when it has one) gives the loop's bits faster.
   */
  step(params: Vec, grads: Vec, native: NativeAddon | null = null): void {
    this.iterations++;
    const n = params.length;
    const lr = this.lr;
    switch (this.kind) {
      case 'adam': {
        const b1 = this.beta1;
        const b2 = this.beta2;
        this.b1t *= b1;
        this.b2t *= b2;
        const m = this.s1;
        const v = this.s2;
        // The bias corrections of this step: tfjs' c1, c2 and Keras' lrT (its ε placement).
        const c1 = 1 / (1 - this.b1t);
        const c2 = 1 / (1 - this.b2t);
        const lrT = (lr * Math.sqrt(1 - this.b2t)) / (1 - this.b1t);
        if (native?.adamStep !== undefined && n >= NATIVE_ADAM_FROM) {
          const s = this.scalars;
          s[0] = lr;
          s[1] = b1;
          s[2] = b2;
          s[3] = this.eps;
          s[4] = c1;
          s[5] = c2;
          s[6] = lrT;
          const args = argsFor(native);
          args[0] = n;
          args[1] = this.kerasEps ? 1 : 0;
          native.adamStep(params, grads, m, v, s);
          return;
        }
        if (this.kerasEps) {
          for (let i = 0; i < n; i++) {
            const g = grads[i]!;
            const mi = b1 * m[i]! + (1 - b1) * g;
            const vi = b2 * v[i]! + (1 - b2) * g * g;
            m[i] = mi;
            v[i] = vi;
            params[i] = params[i]! - (lrT * mi) / (Math.sqrt(vi) + this.eps);
          }
        } else {
          // tfjs AdamOptimizer.applyGradients, term by term.
          const eps = this.eps;
          for (let i = 0; i < n; i++) {
            const g = grads[i]!;
            const mi = b1 * m[i]! + (1 - b1) * g;
            const vi = b2 * v[i]! + (1 - b2) * g * g;
            m[i] = mi;
            v[i] = vi;
            params[i] = params[i]! - (lr * (mi * c1)) / (Math.sqrt(vi * c2) + eps);
          }
        }
        return;
      }
      case 'sgd': {
        const mom = this.momentum;
        if (mom === 0) {
          for (let i = 0; i < n; i++) params[i] = params[i]! - lr * grads[i]!;
          return;
        }
        // tfjs MomentumOptimizer: a = m·a + g; w −= lr·a, or lr·(g + m·a) with Nesterov (= Keras SGD).
        const a = this.s1;
        for (let i = 0; i < n; i++) {
          const g = grads[i]!;
          const ai = mom * a[i]! + g;
          a[i] = ai;
          params[i] = params[i]! - lr * (this.nesterov ? g + mom * ai : ai);
        }
        return;
      }
      case 'rmsprop': {
        // tfjs RMSPropOptimizer (not centered): ms = ρ·ms + (1−ρ)·g²; mom = μ·mom + lr·g/√(ms + ε); w −= mom.
        const rho = this.rho;
        const mom = this.momentum;
        const ms = this.s2;
        const a = this.s1;
        const eps = this.eps;
        for (let i = 0; i < n; i++) {
          const g = grads[i]!;
          const msi = rho * ms[i]! + (1 - rho) * g * g;
          ms[i] = msi;
          const inc = (lr * g) / Math.sqrt(msi + eps);
          if (mom > 0) {
            const ai = mom * a[i]! + inc;
            a[i] = ai;
            params[i] = params[i]! - ai;
          } else {
            params[i] = params[i]! - inc;
          }
        }
        return;
      }
    }
  }
}
