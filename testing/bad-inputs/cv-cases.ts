import { join } from 'node:path';
import { writeTokenSequences } from '../cv/token-sequences.js';
import { write, type Spec } from './fixtures.js';
import type { SpecCase } from './spec-cases.js';

/** A cross-validated classification of the token sequences `n` rows long (written into the case's folder). */
function cvSpec(dir: string, n: number, edit: (s: Spec) => void = () => {}): Spec {
  const s: Spec = {
    name: 'cv-case',
    data: { kind: 'sequences', path: writeTokenSequences(join(dir, 'tokens.csv'), n, 4), format: 'csv-wide', id: 'id', features: ['tok'], label: 'label' },
    model: { layers: [{ embedding: { inputDim: 6, outputDim: 3 } }, { lstm: { units: 2 } }, { dense: { units: 2, activation: 'softmax' } }] },
    training: { epochs: 1, batchSize: 4, loss: 'sparseCategoricalCrossentropy' },
    evaluation: { protocol: 'cross-validation', task: 'classification', folds: 5 },
    repeats: 1,
  };
  edit(s);
  return s;
}
const cv = (name: string, spec: (dir: string) => Spec, path: string, message: RegExp): SpecCase => ({ category: 'cv', name, spec, message, path });

/** Cross-validation's refusals (issue 9): one line naming the field and the fix, nothing stored. */
export const CV_CASES: SpecCase[] = [
  cv('fewer sequences than folds', (dir) => cvSpec(dir, 4), 'evaluation.folds', /^evaluation\.folds: .*tokens\.csv holds 4 sequences, fewer than the 5 folds \(each fold holds out at least one\); use "folds": 4 or fewer, or add sequences$/),
  cv('a class with fewer sequences than stratified folds', (dir) => cvSpec(dir, 9), 'evaluation.stratified', /^evaluation\.stratified: class "high" has 4 sequences in .*tokens\.csv, fewer than the 5 folds, so 1 fold would hold no "high"; use "folds": 4 or fewer, add sequences of "high", or set "stratified": false$/),
  cv(
    'a label column with one class',
    (dir) => cvSpec(dir, 10, (s) => (s.data.path = write(dir, 'one-class.csv', `id,tok_0,tok_1,label\n${Array.from({ length: 10 }, (_, i) => `s${i},1,2,low`).join('\n')}\n`))),
    'data.label',
    /^data\.label: every sequence of .*one-class\.csv has the same label \("low"\); classification needs at least two classes$/,
  ),
  cv('stratified regression', (dir) => cvSpec(dir, 10, (s) => (s.evaluation = { protocol: 'cross-validation', task: 'regression', stratified: true })), 'evaluation.stratified', /^evaluation\.stratified: regression targets are numbers, not classes, so its folds cannot be stratified; remove "stratified" or set it to false$/),
  cv('no task', (dir) => cvSpec(dir, 10, (s) => delete s.evaluation.task), 'evaluation.task', /^evaluation\.task: required; use one of "classification", "regression"$/),
  cv('one fold', (dir) => cvSpec(dir, 10, (s) => (s.evaluation.folds = 1)), 'evaluation.folds', /^evaluation\.folds: cross-validation needs at least 2 folds; use "folds": 5 \(or 10, as Weka\)$/),
];

/** An Embedding fed what it cannot read: refused before storing (the trials would fail inside the engine). */
export const TOKEN_CASES: SpecCase[] = [
  cv('token ids beyond the Embedding\'s inputDim', (dir) => cvSpec(dir, 10, (s) => (s.model.layers[0].embedding.inputDim = 4)), 'model.layers[0].embedding.inputDim', /^model\.layers\[0\]\.embedding\.inputDim: .*tokens\.csv holds token id 5, but an Embedding of inputDim 4 reads ids 0–3; set "inputDim": 6$/),
  cv(
    'real-valued features into an Embedding',
    (dir) => cvSpec(dir, 10, (s) => (s.data.path = write(dir, 'real.csv', `id,tok_0,tok_1,label\n${Array.from({ length: 10 }, (_, i) => `s${i},${i === 7 ? 0.5 : 1},2,${i % 2 ? 'a' : 'b'}`).join('\n')}\n`))),
    'model.layers[0].embedding',
    /^model\.layers\[0\]\.embedding: an Embedding reads token ids 0, 1, 2, …, but sequence 8 of .*real\.csv holds 0\.5 at step 1; encode the tokens as whole numbers from 0, or start the model with a recurrent layer for real-valued features$/,
  ),
  cv('two features into an Embedding', (dir) => cvSpec(dir, 10, (s) => (s.data.features = ['tok', 'tok'])), 'model.layers[0].embedding', /^model\.layers\[0\]\.embedding: an Embedding reads one token id per step, but .*tokens\.csv gives 2 features per step; give one feature of token ids, or start the model with a recurrent layer$/),
];
