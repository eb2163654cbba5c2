import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtin, write, type Spec } from './fixtures.js';
import type { SpecCase } from './spec-cases.js';

// Sentence-pair files (`data.kind` "pairs", Tatoeba/Anki `English<TAB>Target[<TAB>attribution]`). The specs here
// keep char-lstm's language-model protocol, which takes a text: even a sound file is refused before storing, with
// a line that names the protocol (the translation protocol takes pairs), not an internal error.

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
const NO_TASK = /^evaluation\.protocol: "language-model" needs a text \(e\.g\. "text"\), but data\.kind "pairs" gives sentence pairs; pick a protocol that fits the data$/;

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
  pairs('a sound pair file under a protocol for texts', `Go.\tVai.\t${ATTRIBUTION}\nHi.\tOi.\t${ATTRIBUTION}\n`, NO_TASK, { path: 'evaluation.protocol' }),
  { category: 'pairs', name: 'the built-in CLDR pairs under a protocol for texts', spec: () => pairsSpec({ source: 'cldr' }), message: NO_TASK, path: 'evaluation.protocol' },
  { category: 'pairs', name: 'neither path nor source', spec: () => pairsSpec({}), message: /^data\.path: give the pair file to read \(e\.g\. "por\.txt"\), or "source": "cldr" for the built-in English→Portuguese pairs$/, path: 'data.path' },
];
