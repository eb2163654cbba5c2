// The layering rule, through the project's real eslint.config.js: probe files written into a temporary
// folder of the repository's shape (src-main/<folder>/…, src-renderer/…) are linted with the ESLint Node
// API. Forbidden imports must be reported by `layering/allowed-imports` with a message naming the import;
// allowed ones must not be (so the test fails both ways).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RULE = 'layering/allowed-imports';

interface Probe {
  /** Path of the probe file from the temporary root. */
  readonly file: string;
  readonly code: string;
  /** Text every layering message must contain (the import); omitted for probes that must pass. */
  readonly names?: string;
}

const svelte = (script: string): string =>
  `<script lang="ts">\n${script}\n  let { n }: { n: number } = $props();\n</script>\n\n<p>{n}</p>\n`;

const FORBIDDEN: readonly Probe[] = [
  // The native addon is allowed in engine/kernels/native-addon.ts only (FILE_EXCEPTIONS).
  { file: 'src-main/engine/fused/native-probe.ts', code: "declare const require: (id: string) => unknown;\nexport const k = require('../../../native/build/Release/rnnlab_kernels.node');\n", names: 'rnnlab_kernels.node' },
  // engine
  { file: 'src-main/engine/dynamic-store.ts', code: "export const load = () => import('../store/sqlite-store.js');\n", names: "'../store/sqlite-store.js'" },
  { file: 'src-main/engine/threads.ts', code: "import { Worker } from 'node:worker_threads';\nexport { Worker };\n", names: "'node:worker_threads'" },
  { file: 'src-main/engine/fused/threads.ts', code: "import { Worker } from 'node:worker_threads';\nexport { Worker };\n", names: "'node:worker_threads'" },
  { file: 'src-main/engine/http.ts', code: "import { createServer } from 'node:http';\nexport { createServer };\n", names: "'node:http'" },
  { file: 'src-main/engine/bare-builtin.ts', code: "import { readFileSync } from 'fs';\nexport { readFileSync };\n", names: "'fs'" },
  { file: 'src-main/engine/require.ts', code: "declare const require: (id: string) => unknown;\nexport const fs = require('node:fs');\n", names: "'node:fs'" },
  { file: 'src-main/engine/import-equals.ts', code: "import cp = require('node:child_process');\nexport const spawn = cp.spawn;\n", names: "'node:child_process'" },
  { file: 'src-main/engine/type-import.ts', code: "export type Db = import('better-sqlite3').Database;\n", names: "'better-sqlite3'" },
  { file: 'src-main/engine/unknown-package.ts', code: "import lodash from 'lodash';\nexport { lodash };\n", names: "'lodash'" },
  { file: 'src-main/engine/nonliteral.ts', code: 'export const load = (name: string) => import(name);\n', names: 'not a constant string' },
  {
    file: 'src-main/engine/const-loop.ts',
    code: "const NAMES = ['better-sqlite3'];\nexport async function load() {\n  for (const name of NAMES) await import(name);\n}\n",
    names: "'better-sqlite3'",
  },
  {
    file: 'src-main/engine/mutated-array.ts',
    code: "const NAMES = ['@tensorflow/tfjs'];\nNAMES.push('better-sqlite3');\nexport async function load() {\n  for (const name of NAMES) await import(name);\n}\n",
    names: 'not a constant string',
  },
  { file: 'src-main/engine/template.ts', code: 'export const load = (x: string) => import(`better-sqlite3/${x}`);\n', names: "'better-sqlite3/'" },
  // contract
  { file: 'src-main/contract/store-types.ts', code: "import type { ExperimentStore } from './../store/experiment-store.js';\nexport type S = ExperimentStore;\n", names: "'./../store/experiment-store.js'" },
  { file: 'src-main/contract/node.ts', code: "import { join } from 'node:path';\nexport { join };\n", names: "'node:path'" },
  // store
  { file: 'src-main/store/cli.ts', code: "import { main } from '../cli/main.js';\nexport { main };\n", names: "'../cli/main.js'" },
  { file: 'src-main/store/commander.ts', code: "import { Command } from 'commander';\nexport { Command };\n", names: "'commander'" },
  // runner: re-export
  { file: 'src-main/runner/reexport.ts', code: "export { SqliteStore } from '../store/sqlite-store.js';\n", names: "'../store/sqlite-store.js'" },
  { file: 'src-main/runner/reexport-all.ts', code: "export * from '../services/experiment-service.js';\n", names: "'../services/experiment-service.js'" },
  // services
  { file: 'src-main/services/sqlite.ts', code: "import Database from 'better-sqlite3';\nexport { Database };\n", names: "'better-sqlite3'" },
  { file: 'src-main/services/electron.ts', code: "import { app } from 'electron';\nexport { app };\n", names: "'electron'" },
  // renderer .ts
  { file: 'src-renderer/state/fs.ts', code: "import { readFileSync } from 'fs';\nexport { readFileSync };\n", names: "'fs'" },
  { file: 'src-renderer/state/piscina.ts', code: "import Piscina from 'piscina';\nexport { Piscina };\n", names: "'piscina'" },
  { file: 'src-renderer/api/engine.ts', code: "export { modelSummary } from '../../src-main/engine/summary.js';\n", names: "'../../src-main/engine/summary.js'" },
  // renderer .svelte
  { file: 'src-renderer/views/Store.svelte', code: svelte("  import { SqliteStore } from '../../src-main/store/sqlite-store.js';\n  console.log(SqliteStore);"), names: "'../../src-main/store/sqlite-store.js'" },
  { file: 'src-renderer/components/Fs.svelte', code: svelte("  import { readFileSync } from 'node:fs';\n  console.log(readFileSync);"), names: "'node:fs'" },
  { file: 'src-renderer/components/Dynamic.svelte', code: svelte("  const load = () => import('electron');\n  console.log(load);"), names: "'electron'" },
  // production → test-only folders
  { file: 'src-main/engine/oracle.ts', code: "import { oracle } from '../../testing/oracles.js';\nexport { oracle };\n", names: "'../../testing/oracles.js'" },
  { file: 'src-main/services/bench.ts', code: "export { run } from '../../bench/all.js';\n", names: "'../../bench/all.js'" },
  { file: 'src-renderer/views/E2e.svelte', code: svelte("  import { page } from '../../e2e/workbench.spec.js';\n  console.log(page);"), names: "'../../e2e/workbench.spec.js'" },
  // a production file in a folder the table doesn't know
  { file: 'src-main/newfolder/x.ts', code: "import { z } from 'zod';\nexport { z };\n", names: "'zod'" },
];

const ALLOWED: readonly Probe[] = [
  { file: 'src-main/engine/kernels/native-addon.ts', code: "import { createRequire } from 'node:module';\nexport const k = createRequire(import.meta.url)('../../../native/build/Release/rnnlab_kernels.node');\n" },
  { file: 'src-main/engine/ok-contract.ts', code: "import type { ExperimentSpec } from '../contract/spec.js';\nexport type S = ExperimentSpec;\n" },
  { file: 'src-main/engine/tfjs/ok-libraries.ts', code: "import * as tf from '@tensorflow/tfjs';\nimport { Matrix } from 'ml-matrix';\nimport { rng } from '../../common/rng.js';\nimport { x } from '../fused/model.js';\nexport { tf, Matrix, rng, x };\n" },
  {
    file: 'src-main/engine/tfjs/ok-optional.ts',
    code: "const OPTIONAL = ['@tensorflow/tfjs-node'];\nexport async function load() {\n  for (const name of OPTIONAL) await import(name);\n}\n",
  },
  { file: 'src-main/engine/fused/parallel-probe.ts', code: "import { Worker } from 'node:worker_threads';\nexport { Worker };\n" },
  { file: 'src-main/engine/ok.test.ts', code: "import { SqliteStore } from '../store/sqlite-store.js';\nimport { it } from 'vitest';\nexport { SqliteStore, it };\n" },
  { file: 'src-main/runner/ok-engine.ts', code: "import { selectEngine } from '../engine/select.js';\nimport Piscina from 'piscina';\nimport { Worker } from 'node:worker_threads';\nexport { selectEngine, Piscina, Worker };\n" },
  { file: 'src-main/data/ok-template.ts', code: "declare const require: (id: string) => unknown;\nexport const digit = (d: number) => require(`mnist/src/digits/${d}.json`);\n" },
  { file: 'src-main/store/ok.ts', code: "import Database from 'better-sqlite3';\nimport { readFileSync } from 'node:fs';\nimport type { ExperimentSpec } from '../contract/spec.js';\nexport { Database, readFileSync };\nexport type S = ExperimentSpec;\n" },
  { file: 'src-main/shell/ok.ts', code: "import { app } from 'electron';\nimport { SqliteStore } from '../store/sqlite-store.js';\nimport { defaultDbPath } from '../cli/db-path.js';\nexport { app, SqliteStore, defaultDbPath };\n" },
  { file: 'src-renderer/api/ok-contract.ts', code: "import type { LabApi } from '../../src-main/contract/api.js';\nimport * as echarts from 'echarts/core';\nimport { mount } from 'svelte';\nexport type A = LabApi;\nexport { echarts, mount };\n" },
  { file: 'src-renderer/views/Ok.svelte', code: svelte("  import type { LabApi } from '../../src-main/contract/api.js';\n  import { onMount } from 'svelte';\n  import Other from '../components/Other.svelte';\n  const api: LabApi | undefined = undefined;\n  onMount(() => console.log(api, Other));") },
  { file: 'bench/anything.ts', code: "import Database from 'better-sqlite3';\nimport { SqliteStore } from '../src-main/store/sqlite-store.js';\nexport { Database, SqliteStore };\n" },
  { file: 'scripts/tool.mjs', code: "import Database from 'better-sqlite3';\nexport { Database };\n" },
  { file: 'eslint-rules/tool.js', code: "import Database from 'better-sqlite3';\nexport { Database };\n" },
  { file: 'testing/oracles.ts', code: "import { SqliteStore } from '../src-main/store/sqlite-store.js';\nexport { SqliteStore };\n" },
];

let root: string;
const results = new Map<string, Linter.LintMessage[]>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'rnnlab-layering-'));
  for (const probe of [...FORBIDDEN, ...ALLOWED]) {
    const path = join(root, probe.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, probe.code);
  }
  const eslint = new ESLint({ cwd: root, overrideConfigFile: join(REPO, 'eslint.config.js') });
  for (const result of await eslint.lintFiles(['.'])) {
    results.set(result.filePath.slice(root.length + 1).split('\\').join('/'), result.messages);
  }
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const layeringMessages = (file: string): string[] =>
  (results.get(file) ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);

describe('layering/allowed-imports', () => {
  it('lints every probe (none skipped or unparsable)', () => {
    expect([...results.keys()].sort()).toEqual([...FORBIDDEN, ...ALLOWED].map((p) => p.file).sort());
    for (const [file, messages] of results) {
      expect(messages.filter((m) => m.fatal), file).toEqual([]);
    }
  });

  it.each(FORBIDDEN)('reports $file', (probe) => {
    const messages = layeringMessages(probe.file);
    expect(messages, probe.file).toHaveLength(1);
    expect(messages[0]).toContain(probe.names);
    expect(messages[0]).toContain('DESIGN.md Layering');
  });

  it.each(ALLOWED)('allows $file', (probe) => {
    expect(layeringMessages(probe.file)).toEqual([]);
  });

  it('checks production files when linted from inside src-main/ too', async () => {
    const eslint = new ESLint({ cwd: join(root, 'src-main'), overrideConfigFile: join(REPO, 'eslint.config.js') });
    const linted = await eslint.lintFiles(['engine/threads.ts', 'runner/ok-engine.ts']);
    const threads = linted.find((r) => r.filePath.endsWith('threads.ts'));
    const ok = linted.find((r) => r.filePath.endsWith('ok-engine.ts'));
    expect(threads?.messages.filter((m) => m.ruleId === RULE).map((m) => m.message)).toEqual([
      expect.stringContaining("'node:worker_threads'"),
    ]);
    expect(ok?.messages.filter((m) => m.ruleId === RULE)).toEqual([]);
    expect(linted).toHaveLength(2);
  });

  it('names the folder, the import and what the folder may import', () => {
    const [message] = layeringMessages('src-main/store/commander.ts');
    expect(message).toBe(
      "src-main/store may not import 'commander' (a package). src-main/store may import: src-main/contract, " +
        'better-sqlite3, node:fs, node:path, node:url. See DESIGN.md Layering.',
    );
  });
});
