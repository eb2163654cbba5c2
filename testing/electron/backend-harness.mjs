// Runs the Electron bundle's backend (<out>/main/backend-host.js) under plain Node, standing in for Electron's
// utilityProcess: a `process.parentPort` that takes the routed calls from argv and prints what the backend posts.
// Used by electron-bundle.test.ts. argv: bundle folder, then a JSON list of [method, input] calls, made in order,
// each after the previous reply (startExperiment's run is awaited through its 'run-finished' event).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [bundle, callsJson] = process.argv.slice(2);
const calls = JSON.parse(callsJson);
const listeners = [];
let next = 1;
const pending = new Map();
let finished = null;
process.parentPort = {
  on: (_event, listener) => listeners.push(listener),
  postMessage(message) {
    if (message.event?.type === 'run-finished') finished?.(message.event);
    if (message.id !== undefined) pending.get(message.id)?.(message.reply);
  },
};
await import(pathToFileURL(join(bundle, 'main', 'backend-host.js')).href);
const call = (method, input) =>
  new Promise((resolve) => {
    const id = next++;
    pending.set(id, resolve);
    for (const l of listeners) l({ data: { id, method, input } });
  });
for (const [method, input] of calls) {
  const done = method === 'startExperiment' ? new Promise((r) => (finished = r)) : null;
  const reply = await call(method, input);
  console.log(JSON.stringify({ method, reply }));
  if (done && reply.ok) console.log(JSON.stringify({ event: await done }));
}
process.exit(0);
