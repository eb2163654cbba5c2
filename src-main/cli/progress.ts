import cliProgress from 'cli-progress';
import type { RunEvent } from '../services/experiment-service.js';

/**
 * A terminal progress bar for a run (on stderr, only when it is a terminal): overall epochs done,
 * repeats finished k/N, the latest epoch and loss, and the ETA. Returns the event handler and a stop function.
 */
export function progressBar(enabled: boolean): { onEvent: (event: RunEvent) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    {
      format: ' {bar} {percentage}% | repeats {done}/{repeats} | epoch {epoch}/{epochs} | loss {loss} | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 200,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let active = false;
  let done = 0;
  let failed = 0;
  let epochsPerTrial = 1;
  const progress = new Map<number, number>();
  const total = () => [...progress.values()].reduce((a, b) => a + b, 0);
  return {
    onEvent(event) {
      if (!enabled) return;
      switch (event.type) {
        case 'run-started':
          epochsPerTrial = event.epochs;
          done = event.total - event.pending;
          bar.start(Math.max(1, event.pending * event.epochs), 0, { done, repeats: event.total, epoch: 0, epochs: event.epochs, loss: '-' });
          active = true;
          break;
        case 'epochs':
          progress.set(event.trialId, event.epochs[event.epochs.length - 1]!);
          bar.update(total(), { epoch: event.epochs[event.epochs.length - 1], loss: event.losses[event.losses.length - 1]!.toExponential(3) });
          break;
        case 'trial-done':
        case 'trial-failed':
          if (event.type === 'trial-done') done++;
          else failed++;
          progress.set(event.trialId, epochsPerTrial);
          bar.update(total(), { done: failed ? `${done} (${failed} failed)` : done });
          break;
        default:
          break;
      }
    },
    stop() {
      if (active) bar.stop();
      active = false;
    },
  };
}
