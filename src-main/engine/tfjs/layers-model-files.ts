import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../../contract/layers.js';
import type { BackendChoice } from '../../contract/spec.js';
import type { InputShape, WeightTensor } from '../sequence-model.js';
import { useBackend } from './backend.js';
import { buildTfjsModel, readsTokens } from './build.js';

/** The two files of the TF.js Layers format: `model.json` (topology + weights manifest) and `weights.bin`. */
export interface LayersModelFiles {
  readonly modelJson: string;
  readonly weightsBin: Buffer;
}

/**
 * A model in the TF.js Layers format, saved by tfjs itself from the model built with `weights`, so
 * `tf.loadLayersModel` reads it back as tfjs wrote it. `anyBatch` writes the batch dimension as null (Keras'
 * None: any batch size), for models without stateful layers. `metadata` goes to `userDefinedMetadata`.
 */
export async function layersModelFiles(
  spec: ModelSpec,
  input: InputShape,
  weights: readonly WeightTensor[],
  backend: BackendChoice,
  anyBatch: boolean,
  metadata: Record<string, unknown>,
): Promise<LayersModelFiles> {
  await useBackend(backend);
  const model = buildTfjsModel(spec, input, weights);
  try {
    const files = await savedFiles(model, { ...metadata, tokens: readsTokens(spec) });
    if (anyBatch) {
      const json = JSON.parse(files.modelJson) as { modelTopology: { config: { layers: { config: { batch_input_shape?: (number | null)[] } }[] } } };
      const first = json.modelTopology.config.layers[0]?.config;
      if (first?.batch_input_shape) first.batch_input_shape[0] = null;
      return { ...files, modelJson: JSON.stringify(json) };
    }
    return files;
  } finally {
    model.dispose();
  }
}

/** A tfjs model as tfjs itself saves it, in the two files of the Layers format (`metadata` → `userDefinedMetadata`). */
export async function savedFiles(model: tf.LayersModel, metadata: Record<string, unknown>): Promise<LayersModelFiles> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const json = {
    format: 'layers-model',
    generatedBy: `RNN Lab (TensorFlow.js ${tf.version.tfjs})`,
    convertedBy: null,
    modelTopology: saved!.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: saved!.weightSpecs }],
    userDefinedMetadata: metadata,
  };
  return { modelJson: JSON.stringify(json), weightsBin: Buffer.from(saved!.weightData as ArrayBuffer) };
}
