import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../contract/errors.js';
import type { BackendChoice } from '../../contract/spec.js';

type Backend = Exclude<BackendChoice, 'auto'>;

/** Preference when the spec says 'auto': native TensorFlow, then WebAssembly, then plain JS. */
export const BACKEND_ORDER: readonly Backend[] = ['tensorflow', 'wasm', 'cpu'];

// Optional packages: named through a variable so neither TypeScript nor a bundler insists they exist.
const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

async function register(backend: Backend): Promise<string | undefined> {
  if (backend === 'tensorflow') {
    const reasons: string[] = [];
    for (const name of NATIVE_PACKAGES) {
      try {
        await import(name);
        return undefined;
      } catch (error) {
        reasons.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    return reasons.join('; ');
  }
  if (backend === 'wasm') {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
}

let active: Promise<string> | undefined;
let activeChoice: BackendChoice | undefined;

/**
 * Makes a tfjs backend active for this thread and returns its name. 'auto' tries {@link BACKEND_ORDER};
 * a named backend that cannot start throws LabError('BACKEND_UNAVAILABLE') with the reason and the fix.
 * The result is cached per thread (tfjs has one global engine).
 */
export function useBackend(choice: BackendChoice): Promise<string> {
  if (active && activeChoice === choice) return active;
  activeChoice = choice;
  // Production mode: skips tfjs' debug checks (we check losses ourselves) and its console banner.
  tf.enableProdMode();
  active = (async () => {
    const candidates = choice === 'auto' ? BACKEND_ORDER : [choice];
    const failures: string[] = [];
    for (const backend of candidates) {
      const problem = await register(backend);
      if (problem === undefined) {
        try {
          if (await tf.setBackend(backend)) {
            await tf.ready();
            return tf.getBackend();
          }
          failures.push(`${backend}: failed to initialise`);
        } catch (error) {
          failures.push(`${backend}: ${(error as Error).message}`);
        }
      } else {
        failures.push(`${backend}: ${problem}`);
      }
    }
    throw new LabError(
      'BACKEND_UNAVAILABLE',
      `tfjs backend "${choice}" is not available (${failures.join(' | ')}); use --backend cpu, or install @tensorflow/tfjs-node where libtensorflow can be downloaded`,
    );
  })();
  return active;
}
