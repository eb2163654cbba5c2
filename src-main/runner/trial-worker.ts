import type { MessagePort } from 'node:worker_threads';
import { END_OF_EVENTS, type TrialReply, type TrialTask } from './events.js';
import { executeTrial } from './execute-trial.js';

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
