/**
 * The services in an Electron utilityProcess: store, worker pool (training) and run manager, answering the
 * main process's routed calls and pushing run events back. No `electron` import is needed here.
 */
import { dirname, join, resolve } from 'node:path';
import { databasePath } from '../cli/db-path.js';
import { SwitchableRunner } from '../runner/switchable-runner.js';
import { QueueSettings } from '../services/queue-settings.js';
import { TrialPool } from '../runner/trial-pool.js';
import { appRoot } from '../services/app-root.js';
import { ExperimentService } from '../services/experiment-service.js';
import { LabHandlers } from '../services/lab-handlers.js';
import { RunManager } from '../services/run-manager.js';
import { SqliteExperimentStore } from '../store/sqlite-store.js';

/** A routed call, or the main process granting a file the person picked in the open dialog. */
type HostMessage = { id: number; method: string; input: unknown; grant?: undefined } | { grant: string };

interface ParentPort {
  on(event: 'message', listener: (message: { data: HostMessage }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort: ParentPort }).parentPort;
const root = appRoot(import.meta.url);
const dbFile = databasePath();
const store = new SqliteExperimentStore(dbFile);
const runner = new SwitchableRunner(new TrialPool({ priority: 'background' }));
const service = new ExperimentService(store, runner);
const runs = new RunManager(service);
// The app reads data from the built-ins, the shipped data/ and the folder of the user's database only.
const handlers = new LabHandlers(service, store, runs, join(root, 'experiments'), [dirname(resolve(dbFile))], new QueueSettings(runner, resolve(dbFile)));

runs.subscribe((event) => parentPort.postMessage({ event }));
parentPort.on('message', ({ data }) => {
  if (data.grant !== undefined) return handlers.allowFile(data.grant);
  void handlers.dispatch(data.method, data.input).then((reply) => parentPort.postMessage({ id: data.id, reply }));
});
process.on('exit', () => {
  runs.cancelAll();
  store.close();
});
