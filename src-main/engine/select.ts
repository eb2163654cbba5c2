import { LabError } from '../contract/errors.js';
import { layerOf, type ModelSpec } from '../contract/layers.js';
import type { EngineChoice, KernelChoice } from '../contract/spec.js';
import type { Engine } from './sequence-model.js';
import { fusedPrecision } from './fused/types.js';

/**
 * The engine for a model: 'tfjs' or 'fused' as asked, or for 'auto' the fused engine when it implements
 * every layer, else tfjs. Engines are imported lazily so a worker loads only the one it runs
 * (tfjs alone takes about a second to load). Throws LabError('ENGINE_UNSUPPORTED') naming the layer, what the
 * engine lacks and the fix.
 */
export async function selectEngine(
  choice: EngineChoice,
  model: ModelSpec,
  precision: 'float64' | 'float32' = 'float32',
  kernels: KernelChoice = 'auto',
): Promise<Engine> {
  const layers = model.layers.map(layerOf);
  let fusedProblem: string | null = null;
  if (choice === 'fused' || choice === 'auto') {
    const { createFusedEngine } = await import('./fused/index.js');
    const fusedEngine = createFusedEngine({ precision: fusedPrecision(precision), kernels });
    fusedProblem = fusedEngine.unsupported(layers);
    if (fusedProblem === null) return fusedEngine;
    if (choice === 'fused') throw new LabError('ENGINE_UNSUPPORTED', `${fusedProblem} (engine "fused"; "auto" or "tfjs" may run it)`);
  }
  const { tfjsEngine } = await import('./tfjs/model.js');
  const problem = tfjsEngine.unsupported(layers);
  if (problem !== null) {
    throw new LabError('ENGINE_UNSUPPORTED', choice === 'auto' && fusedProblem ? `${problem}; and the fused engine: ${fusedProblem}` : problem);
  }
  return tfjsEngine;
}
