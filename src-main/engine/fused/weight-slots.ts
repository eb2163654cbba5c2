import type { WeightTensor } from '../sequence-model.js';
import type { Vec } from './types.js';

/** One weight of a fused model: its name and Keras shape, and where its values sit in the model's flat arrays. */
export interface Slot {
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
}

/**
 * Copies `weights` (in slot order) into the flat array `into`; throws TypeError naming the weight whose count or
 * shape differs (`who` starts the message, e.g. "fused engine").
 */
export function writeSlots(slots: readonly Slot[], into: Vec, weights: readonly WeightTensor[], who: string): void {
  if (weights.length !== slots.length) {
    throw new TypeError(`${who}: expected ${slots.length} weight tensors (${slots.map((s) => s.name).join(', ')}), got ${weights.length}`);
  }
  slots.forEach((s, i) => {
    const w = weights[i]!;
    if (w.values.length !== s.size || w.shape.join() !== s.shape.join()) {
      throw new TypeError(`${who}: weight ${i} (${s.name}) must have shape [${s.shape.join(', ')}], got ${w.name} [${w.shape.join(', ')}]`);
    }
    into.set(w.values, s.offset);
  });
}

/** The slots' values in a flat array (weights or gradients) as named, shaped float64 tensors. */
export const readSlots = (slots: readonly Slot[], from: Vec): WeightTensor[] =>
  slots.map((s) => ({ name: s.name, shape: [...s.shape], values: Float64Array.from(from.subarray(s.offset, s.offset + s.size)) }));
