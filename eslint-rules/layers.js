// The layering table of DESIGN.md ("Layering (allow-lists …)") in the form the `layering/allowed-imports`
// rule enforces. Each production folder lists what it MAY import; anything else is an error. Read with
// eslint-rules/layering.js, which explains how specifiers are classified.
//
// How an entry is written:
//   'src-main/engine'      every file of that folder (and its subfolders)
//   'src-main/cli/db-path' one file (extension left off)
//   'src-renderer'         the whole renderer
//   'node:fs'              a node builtin, however it is spelled ('fs', 'node:fs', 'node:fs/promises')
//   'node:*'               every node builtin
//   'zod', '@tensorflow/*' a package by name (subpaths included: 'csv-parse' covers 'csv-parse/sync')
// A folder may always import its own files.

/** Builtins an entry point may use: they run in Node and wire everything. */
const ALL_BUILTINS = 'node:*';

/**
 * folder → what it may import. Keys are 'src-main/<folder>' or 'src-renderer'. A production file in a
 * folder with no key here is an error (a new folder must be placed in the design first).
 * @type {Record<string, { may: readonly string[], note?: string }>}
 */
export const LAYERS = {
  'src-main/contract': {
    may: ['zod'],
    note: 'the typed API shared with the renderer: no Node or DOM APIs',
  },
  'src-main/common': {
    // DESIGN's table says "contract"; the seeded rng is the reason common/ exists, so its library is listed.
    may: ['src-main/contract', 'seedrandom'],
  },
  'src-main/engine': {
    // "tfjs" in DESIGN: the @tensorflow packages (tfjs, the wasm backend, and the optional native
    // tfjs-node / tfjs-node-gpu that engine/tfjs/backend.ts tries by name). ml-matrix: engine/init.ts's
    // orthogonal initialiser (QR). No disk, no threads, no UI: node:worker_threads is NOT here
    // (see FILE_EXCEPTIONS for the data-parallel trainer that still lives in engine/fused/).
    may: ['src-main/contract', 'src-main/common', '@tensorflow/*', 'ml-matrix'],
    note: 'pure computation: no disk, no threads, no store, no UI',
  },
  'src-main/data': {
    // node:module: data/mnist.ts reads the `mnist` package's JSON digits through createRequire.
    // node:crypto: data files are stamped (SHA-256) when an experiment is stored.
    // cldr-*: data/cldr-pairs.ts finds the Unicode CLDR packages' JSON files (require.resolve) for the built-in pairs.
    may: [
      'src-main/contract', 'src-main/common', 'csv-parse', 'mnist',
      'cldr-annotations-full', 'cldr-annotations-derived-full', 'cldr-localenames-full',
      'node:fs', 'node:path', 'node:zlib', 'node:module', 'node:crypto',
    ],
  },
  'src-main/runner': {
    // node:fs: trial-pool.ts checks that the built worker file exists before starting the pool.
    may: [
      'src-main/contract', 'src-main/common', 'src-main/engine', 'src-main/data', 'piscina',
      'node:worker_threads', 'node:os', 'node:path', 'node:url', 'node:fs',
    ],
    note: 'hands results out as events and never touches the store',
  },
  'src-main/queue': {
    // Scale-out (issue 14): the desk's QueuePool and the `rnnlab worker` loop. Beyond DESIGN's list:
    //  - src-main/engine/kernels/tiers: a worker reports its kernel tier (who ran a trial is recorded with it).
    //  - node:crypto/fs/path/url: the code hash over the built trial code (code-hash.ts), attempt nonces, the
    //    database tag; node:os: host name and cores of a worker.
    may: [
      'src-main/contract', 'src-main/runner', 'src-main/engine/kernels/tiers', 'bullmq', 'ioredis',
      'node:crypto', 'node:fs', 'node:path', 'node:url', 'node:os',
    ],
    note: 'never touches the store',
  },
  'src-main/store': {
    may: ['src-main/contract', 'better-sqlite3', 'node:fs', 'node:path', 'node:url'],
    note: 'engine and store never know each other',
  },
  'src-main/stats': {
    // DESIGN's table says "contract, their libraries"; common/ is added for its seeded rng (pure, no I/O), so the
    // bootstrap CIs of effect sizes are reproducible from a stored seed, as issue 12 asks.
    may: ['src-main/contract', 'src-main/common', 'd3-array', 'jstat'],
  },
  'src-main/export': {
    // exceljs: the XLSX writer (export/xlsx.ts).
    may: ['src-main/contract', 'csv-stringify', 'exceljs'],
  },
  'src-main/services': {
    // DESIGN: contract, runner, store, stats, export, data (types). Deviations, as the tree is today:
    //  - engine: experiment-service.ts builds the model summary (engine/summary.ts); services/ and
    //    engine/summary.ts are being restructured, after which this may go.
    //  - common: the seeded helpers are pure and shared; allowed like contract.
    //  - zod: lab-handlers.ts names `import('zod').output` of the contract's schemas (types only).
    //  - node:fs/path/url: app-root.ts finds the bundled experiments/ folder, lab-handlers.ts and
    //    prepare-experiment.ts read the built-in specs and the user's CSV files.
    //  - node:os, node:crypto: the lease owner id of a run (host name, a random nonce).
    may: [
      'src-main/contract', 'src-main/runner', 'src-main/store', 'src-main/stats', 'src-main/export',
      'src-main/data', 'src-main/common', 'src-main/engine', 'zod', 'node:fs', 'node:path', 'node:url', 'node:os', 'node:crypto',
      // queue: Settings → run trials on workers (queue-settings.ts loads it lazily, only when a URL is set).
      'src-main/queue',
    ],
    note: 'use cases: they compose store, runner and export; entry points wire them',
  },
  // Entry points: the only places that construct the concrete store and pool, so they may import
  // store/ and runner/. All three share the default database location in cli/db-path.ts.
  'src-main/shell': {
    may: [
      'src-main/services', 'src-main/contract', 'src-main/runner', 'src-main/store', 'src-main/cli/db-path',
      'electron', ALL_BUILTINS,
    ],
    note: 'the only folder that imports electron',
  },
  'src-main/server': {
    // commander: server/main.ts parses its own command line (port, database).
    may: [
      'src-main/services', 'src-main/contract', 'src-main/runner', 'src-main/store', 'src-main/cli/db-path',
      'ws', 'commander', ALL_BUILTINS,
    ],
  },
  'src-main/cli': {
    // export: the CLI prints result tables as text (export/tables.ts, result-tables.ts, ui-tables.ts).
    // env-paths: cli/db-path.ts, the per-user default database location.
    // queue: the CLI wires the desk's QueuePool (run/resume --queue) and runs `rnnlab worker`.
    may: [
      'src-main/services', 'src-main/contract', 'src-main/runner', 'src-main/store', 'src-main/export', 'src-main/queue',
      'commander', 'cli-progress', 'env-paths', ALL_BUILTINS,
    ],
  },
  'src-renderer': {
    // Own files (api/, state/, views/, components/, charts/, tables/) are one layer for now.
    // d3-array: the statistics library the Node side uses too (issue 8: one std, everywhere).
    // markdown-it: notes' Markdown (raw HTML off), state/markdown.ts.
    may: ['src-main/contract', 'svelte', 'echarts', 'd3-array', 'markdown-it'],
    note: 'from src-main only contract; no node builtins, no workers, no electron',
  },
};

/**
 * Files allowed more than their folder, each with the reason and when it goes away. Patterns are paths
 * from the repository root where `*` matches within one path segment.
 * @type {readonly { files: readonly string[], may: readonly string[], why: string }[]}
 */
export const FILE_EXCEPTIONS = [
  {
    // TEMPORARY. The data-parallel trainer starts worker threads; it is being moved to runner/ (another
    // branch). Remove this entry when engine/fused/parallel*.ts is gone from engine/.
    files: ['src-main/engine/fused/parallel*.ts'],
    may: ['node:worker_threads'],
    why: 'data-parallel trainer, moving to runner/',
  },
  {
    // TEMPORARY. A shared gradient-test helper that lives beside production code and imports vitest;
    // DESIGN says test helpers live in testing/. engine/fused/ is being edited elsewhere right now, so
    // it is not moved here: remove this entry when the file moves to testing/ (or becomes *.fixture.ts).
    files: ['src-main/engine/fused/gradient-suites.ts'],
    may: ['vitest'],
    why: 'test helper in a production folder, to move to testing/',
  },
  {
    // The native kernel tier (DESIGN "Kernel tiers"): the engine loads its own addon, built from native/ at
    // install; node:module's createRequire is how an ES module loads a .node file. Permanent.
    files: ['src-main/engine/kernels/native-addon.ts'],
    may: ['node:module', 'native/build/Release/rnnlab_kernels.node'],
    why: 'loads the native kernel addon',
  },
  {
    // The wasm kernel tier (DESIGN "Kernel tiers"): the engine reads its own module's bytes (built from
    // native/wasm at install) to compile it synchronously. Permanent.
    files: ['src-main/engine/kernels/wasm-kernels.ts'],
    may: ['node:fs'],
    why: 'loads the wasm kernel module',
  },
];

/** Top-level folders that hold production code: files under them are checked. */
export const PRODUCTION_ROOTS = ['src-main', 'src-renderer'];

/**
 * Top-level folders that hold tests, benchmarks and their helpers. They may import anything (they are
 * not checked), but production code may never import them.
 */
export const TEST_ONLY_ROOTS = ['testing', 'bench', 'e2e'];

/** Files exempt by name wherever they are: unit tests and their fixtures sit beside the code. */
export const EXEMPT_FILE = /\.(test|fixture)\.[cm]?[jt]s$/;
