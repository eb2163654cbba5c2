/** The stamp, relative to the repository root: `{ startedAt, inputs }` of the last successful build. */
export declare const STAMP: string;
/** The build's inputs under `root` (non-test files of src-main/ and bench/, configuration), sorted relative paths. */
export declare function buildInputs(root: string): string[];
/** Writes the stamp of a build of `root` that started at `startedAt` (ms since the epoch). */
export declare function writeStamp(root: string, startedAt: number): void;
/** Whether dist/ under `root` is the build of the sources on disk, with the reason when it is not. */
export declare function buildStatus(root: string): { fresh: true } | { fresh: false; reason: string };
