import { LabError } from '../contract/errors.js';
import { layerOf, type ModelSpec } from '../contract/layers.js';
import type { EngineChoice } from '../contract/spec.js';
import type { Engine } from './sequence-model.js';

/**
 * The engine for a model: 'tfjs' or 'fused' as asked, or for 'auto' the fused engine when it implements
 * every layer, else tfjs. Engines are imported lazily so a worker loads only the one it runs
 * (tfjs alone takes about a second to load).
 */
export async function selectEngine(choice: EngineChoice, model: ModelSpec, precision: 'float64' | 'float32' = 'float64'): Promise<Engine> {
  const layers = model.layers.map(layerOf);
  if (choice === 'fused' || choice === 'auto') {
    const { createFusedEngine } = await import('./fused/index.js');
    const fusedEngine = createFusedEngine({ precision: precision === 'float32' ? 'f32' : 'f64' });
    if (fusedEngine.supports(layers)) return fusedEngine;
    if (choice === 'fused') {
      throw new LabError('ENGINE_UNSUPPORTED', 'engine: the fused engine does not implement every layer of this model; use engine "auto" or "tfjs"');
    }
  }
  const { tfjsEngine } = await import('./tfjs/model.js');
  if (!tfjsEngine.supports(layers)) {
    throw new LabError('ENGINE_UNSUPPORTED', 'engine: tfjs cannot run this model (GRU needs resetAfter: false on tfjs); use engine "fused"');
  }
  return tfjsEngine;
}
