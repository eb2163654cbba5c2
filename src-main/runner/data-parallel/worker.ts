import { parentPort } from 'node:worker_threads';
import { FusedModel } from '../../engine/fused/model.js';
import { Ctrl, FAILURE_BYTES, Mode, shareRows, type WorkerSetup } from './protocol.js';

// One data-parallel replica: waits for a step, computes loss and gradients of its rows of the shared batch into
// its own shared gradient array (or, predicting, their outputs into the shared outputs), reports, and waits again.
// Synchronous by design (Atomics.wait): a step is a few milliseconds and a message round trip would cost more.
// The setup arrives as a message, not as workerData: the worker may be started before its model is known
// (SpareWorkers), its modules loading meanwhile.
const setup = await new Promise<WorkerSetup>((resolve) => parentPort!.once('message', resolve));
const f64 = setup.options.precision !== 'f32';
const view = (b: SharedArrayBuffer) => (f64 ? new Float64Array(b) : new Float32Array(b));
const model = new FusedModel(setup.request, { ...setup.options, buffers: { params: view(setup.params), grads: view(setup.grads) } });
const control = new Int32Array(setup.control);
const x = new Float64Array(setup.x);
const y = new Float64Array(setup.y);
const losses = new Float64Array(setup.losses);
const outputs = new Float64Array(setup.outputs);
const perRowX = model.steps * model.features;
const perRowY = model.targetWidth;
const perRowOut = (model.outputIsSequence ? model.steps : 1) * model.outputs;
parentPort?.postMessage('ready');
let generation = 0;
for (;;) {
  Atomics.wait(control, Ctrl.Generation, generation);
  generation = Atomics.load(control, Ctrl.Generation);
  if (Atomics.load(control, Ctrl.Stop) === 1) break;
  const [start, end] = shareRows(Atomics.load(control, Ctrl.Rows), setup.share, setup.shares);
  const rows = end - start;
  try {
    const rowsX = { data: x.subarray(start * perRowX, end * perRowX), n: rows, steps: model.steps, features: model.features };
    if (rows > 0 && Atomics.load(control, Ctrl.Mode) === Mode.Predict) outputs.set(model.predictSync(rowsX), start * perRowOut);
    else if (rows > 0) losses[setup.share] = model.lossAndGradients(rowsX, y.subarray(start * perRowY, end * perRowY));
  } catch (error) {
    // The main thread waits synchronously for every share (its event loop cannot hear this worker die), so a
    // failing share still reports done, with its message in shared memory for the main thread to throw.
    const message = new TextEncoder().encode(`share ${setup.share}: ${error instanceof Error ? error.message : String(error)}`).subarray(0, FAILURE_BYTES);
    new Uint8Array(setup.failure).set(message);
    Atomics.store(control, Ctrl.Failed, 1);
  }
  Atomics.add(control, Ctrl.Done, 1);
  Atomics.notify(control, Ctrl.Done);
}
model.dispose();
