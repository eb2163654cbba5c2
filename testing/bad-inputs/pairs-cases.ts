import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtin, write, type Spec } from './fixtures.js';
import type { SpecCase } from './spec-cases.js';

// Sentence-pair files (`data.kind` "pairs", Tatoeba/Anki `English<TAB>Target[<TAB>attribution]`). No task takes
// pairs yet, so even a sound file is refused before storing — with its own clear line, not an internal error.

const ATTRIBUTION = 'CC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM) & #7115473 (Ricardo14)';
/** The char-lstm spec (its language-model protocol) reading pairs from `data`. */
const pairsSpec = (data: Record<string, unknown>): Spec => builtin('char-lstm', (s) => (s.data = { kind: 'pairs', ...data }));
const pairs = (name: string, content: string, message: RegExp, extra: Partial<SpecCase> = {}): SpecCase => ({
  category: 'pairs',
  name,
  spec: (dir) => pairsSpec({ path: write(dir, 'por.txt', content) }),
  message,
  ...extra,
});
const NO_TASK = /^data\.kind: "pairs" gives sentence pairs, which no evaluation protocol takes yet; use another data kind for protocol "language-model"$/;

export const PAIRS_CASES: SpecCase[] = [
  pairs('a line with one column', `Go.\tVai.\t${ATTRIBUTION}\n\nHello there\n`, /por\.txt:3: one column \(no tab\); each line is English<TAB>Target\[<TAB>attribution\]: put a tab between the English text and its translation$/, { secret: 'Hello there' }),
  pairs('a line with four columns', `Go.\tVai.\nHi.\tOi.\tx\ty\n`, /por\.txt:2: 4 columns; each line is English<TAB>Target\[<TAB>attribution\] \(2 or 3 columns\): remove the extra tabs$/),
  pairs('an empty target', `Go.\t\n`, /por\.txt:1: the target text \(column 2\) is empty; give both texts or delete the line$/),
  pairs('every line over the length limits', `${'x'.repeat(45)}\tVai.\n`, /por\.txt: no pairs left: all 1 are longer than data\.maxSourceLength 44 \(1 sources\) or data\.maxTargetLength 80 .*; raise the limits$/),
  {
    category: 'pairs',
    name: 'a folder as the path',
    spec: (dir) => pairsSpec({ path: (mkdirSync(join(dir, 'por.txt')), join(dir, 'por.txt')) }),
    message: /por\.txt: is a folder, not a file; point data\.path at the pair file inside it$/,
  },
  pairs('a sound pair file (no task takes pairs yet)', `Go.\tVai.\t${ATTRIBUTION}\nHi.\tOi.\t${ATTRIBUTION}\n`, NO_TASK, { path: 'data.kind' }),
  { category: 'pairs', name: 'the built-in CLDR pairs (no task takes pairs yet)', spec: () => pairsSpec({ source: 'cldr' }), message: NO_TASK, path: 'data.kind' },
  { category: 'pairs', name: 'neither path nor source', spec: () => pairsSpec({}), message: /^data\.path: give the pair file to read \(e\.g\. "por\.txt"\), or "source": "cldr" for the built-in English→Portuguese pairs$/, path: 'data.path' },
];
