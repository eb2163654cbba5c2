import { setPriority } from 'node:os';
import { type MessagePort, workerData } from 'node:worker_threads';
import { END_OF_EVENTS, type TrialReply, type TrialTask } from './events.js';
import { executeTrial } from './execute-trial.js';

// On Linux a nice value belongs to the thread (setpriority on pid 0 changes only the calling thread), so this lowers
// the priority of this trial thread alone, never the server's. Where the OS refuses, training runs at normal priority.
const nice = (workerData as { nice?: number } | null)?.nice ?? 0;
if (nice !== 0) {
  try {
    setPriority(0, nice);
  } catch {
    // not permitted here: nothing to do
  }
}

/**
 * Worker-thread entry (piscina): runs one trial and streams its events through `port`.
 * Cancellation terminates the whole thread, so no abort handling is needed here.
 */
export default async function runTrialInWorker({ task, port }: { task: TrialTask; port: MessagePort }): Promise<TrialReply> {
  try {
    return await executeTrial(task, (event) => port.postMessage(event));
  } finally {
    port.postMessage(END_OF_EVENTS);
  }
}
