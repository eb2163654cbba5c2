// A worker thread that opens its own store on a shared file and tries to claim every given trial: the other
// half of the claim-race test (two stores, two threads, one SQLite file).
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteExperimentStore } from '../../src-main/store/sqlite-store.js';

const { path, owner, trialIds } = workerData as { path: string; owner: string; trialIds: number[] };
const store = new SqliteExperimentStore(path);
const won: number[] = [];
for (const id of trialIds) if (store.claimTrial(id, { owner, pid: process.pid, ms: 60_000 })) won.push(id);
store.close();
parentPort!.postMessage(won);
