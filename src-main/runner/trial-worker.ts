import { setPriority } from 'node:os';
import { type MessagePort, workerData } from 'node:worker_threads';
import { END_OF_EVENTS, type TrialReply, type TrialTask } from './events.js';
import { executeLockstep } from './execute-lockstep.js';
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
 * Worker-thread entry (piscina): runs one trial (`task`: its result is the reply) or a lockstep group (`group`:
 * every trial's result is an event on the port) and streams the events through `port`.
 * Cancellation terminates the whole thread, so no abort handling is needed here.
 */
export default async function runTrialInWorker(job: { task: TrialTask; port: MessagePort } | { group: readonly TrialTask[]; port: MessagePort }): Promise<TrialReply | null> {
  const { port } = job;
  try {
    if ('group' in job) {
      await executeLockstep(job.group, (event) => port.postMessage(event));
      return null;
    }
    return await executeTrial(job.task, (event) => port.postMessage(event));
  } finally {
    port.postMessage(END_OF_EVENTS);
  }
}
