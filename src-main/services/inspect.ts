import { inspectTable, type InspectReport } from '../data/inspect.js';

export type { InspectReport } from '../data/inspect.js';

/** The `inspect` use case (CLI now, the app's import flow next): a data file's columns and a spec to start from. */
export const inspectFile = (path: string): InspectReport => inspectTable(path);
