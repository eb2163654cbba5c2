import { builtin, type Spec } from './fixtures.js';
import { smallMnist, type SpecCase } from './spec-cases.js';

/** A refused spec: `edit` breaks a quick built-in spec ('mnist': on a small IDX pair); the message must start with `path: `. */
const bad = (name: string, base: string, edit: (s: Spec) => void, path: string, message: RegExp): SpecCase => ({
  category: 'spec',
  name,
  spec: (dir) => (base === 'mnist' ? smallMnist(dir, edit) : builtin(base, edit)),
  message: new RegExp(`^${path.replace(/[.[\]()$]/g, '\\$&')}: ${message.source}`),
  path,
});
/** A spec that is not an object at all. */
const notObject = (name: string, value: unknown, got: string): SpecCase => ({
  category: 'spec',
  name,
  spec: () => value,
  message: new RegExp(`^\\(top level\\): an experiment spec is a JSON object \\{ "name": …, "data": …, "model": …, "training": …, "evaluation": … \\}, got ${got}; see the specs in experiments/$`),
});
const layers = (s: Spec, list: unknown[]) => (s.model.layers = list);

export const SCHEMA_CASES: SpecCase[] = [
  // JSON, but not an object
  notObject('a JSON list', [1, 2], 'a list'),
  notObject('a JSON number', 42, '42'),
  notObject('a JSON string', 'shampoo', 'the text "shampoo"'),
  notObject('JSON null', null, 'null'),
  notObject('JSON true', true, 'true'),
  { category: 'spec', name: 'an empty object', spec: () => ({}), message: /^name: required \(expected a text in double quotes\) \(and 4 more\)$/, path: 'name' },

  // unknown keys at every level, with did-you-mean
  bad('typo at the top level', 'shampoo-lstm', (s) => (s.nmae = 'x'), 'nmae', /unknown key, did you mean name\?$/),
  bad('unknown top-level key', 'shampoo-lstm', (s) => (s.colour = 'blue'), 'colour', /unknown key; expected one of: name, description, data, /),
  bad('typo in data', 'shampoo-lstm', (s) => (s.data.colum = 'Sales'), 'data.colum', /unknown key, did you mean column\?$/),
  bad('typo in a preprocessing kind', 'shampoo-lstm', (s) => (s.preprocessing[0] = { diference: { interval: 1 } }), 'preprocessing[0].diference', /unknown key, did you mean difference\?/),
  bad('typo in a preprocessing setting', 'shampoo-lstm', (s) => (s.preprocessing[0].difference.intervl = 1), 'preprocessing[0].difference.intervl', /unknown key, did you mean interval\?$/),
  bad('typo in model', 'shampoo-lstm', (s) => (s.model.layer = []), 'model.layer', /unknown key, did you mean layers\?$/),
  bad('typo in a layer kind', 'shampoo-lstm', (s) => (s.model.layers[0] = { lstmm: { units: 4 } }), 'model.layers[0].lstmm', /unknown key, did you mean lstm\?/),
  bad('typo in a layer setting', 'shampoo-lstm', (s) => (s.model.layers[0].lstm.untis = 4), 'model.layers[0].lstm.untis', /unknown key, did you mean units\?$/),
  bad('typo inside a bidirectional layer', 'mnist-bilstm', (s) => (s.model.layers[0].bidirectional.layer.lstm.unit = 4), 'model.layers[0].bidirectional.layer.lstm.unit', /unknown key, did you mean units\?$/),
  bad('typo in training', 'shampoo-lstm', (s) => (s.training.epoch = 1), 'training.epoch', /unknown key, did you mean epochs\?$/),
  bad('typo in an optimizer kind', 'shampoo-lstm', (s) => (s.training.optimizer = { adamm: {} }), 'training.optimizer.adamm', /unknown key, did you mean adam\?/),
  bad('typo in an optimizer setting', 'shampoo-lstm', (s) => (s.training.optimizer.adam.learningrate = 0.1), 'training.optimizer.adam.learningrate', /unknown key, did you mean learningRate\?$/),
  bad('typo in evaluation', 'shampoo-lstm', (s) => (s.evaluation.testsize = 12), 'evaluation.testsize', /unknown key, did you mean testSize\?$/),
  bad('typo in a data kind', 'shampoo-lstm', (s) => (s.data.kind = 'csvv'), 'data.kind', /the text "csvv" is not a known kind; use one of "csv", "table", "mnist", "sine", "text", "varlen-sum", "sequences", "pairs" \(did you mean "csv"\?\)$/),
  bad('data without a kind', 'shampoo-lstm', (s) => delete s.data.kind, 'data.kind', /required; use one of "csv", "table", "mnist", /),
  bad('typo in a protocol', 'shampoo-lstm', (s) => (s.evaluation.protocol = 'walkforward'), 'evaluation.protocol', /the text "walkforward" is not a known protocol; use one of .* \(did you mean "walk-forward"\?\)$/),
  bad('typo in a metric', 'shampoo-lstm', (s) => (s.evaluation.metrics = ['rsme']), 'evaluation.metrics[0]', /the text "rsme" is not allowed here; use one of "rmse", "mae", "mape" \(did you mean "rmse"\?\)$/),
  bad('typo in the loss', 'shampoo-lstm', (s) => (s.training.loss = 'mes'), 'training.loss', /the text "mes" is not allowed here; use one of .*\(did you mean "mse"\?\)$/),
  bad('unknown engine', 'shampoo-lstm', (s) => (s.engine = 'nope'), 'engine', /the text "nope" is not allowed here; use one of "auto", "tfjs", "fused"$/),
  bad('typo in an activation', 'shampoo-lstm', (s) => (s.model.layers[1].dense.activation = 'relu6'), 'model.layers[1].dense.activation', /the text "relu6" is not allowed here; use one of .*\(did you mean "relu"\?\)$/),

  // wrong types
  bad('epochs in quotes', 'shampoo-lstm', (s) => (s.training.epochs = '10'), 'training.epochs', /expected a number, got the text "10"; write the number without quotes$/),
  bad('repeats in quotes', 'shampoo-lstm', (s) => (s.repeats = '3'), 'repeats', /expected a number, got the text "3"; write the number without quotes$/),
  bad('a boolean in quotes', 'shampoo-lstm', (s) => (s.training.shuffle = 'true'), 'training.shuffle', /expected true or false, got the text "true"; write true or false without quotes$/),
  bad('fractional units', 'shampoo-lstm', (s) => (s.model.layers[0].lstm.units = 4.5), 'model.layers[0].lstm.units', /expected a whole number, got 4\.5; use a whole number, e\.g\. 5$/),
  bad('layers as an object', 'shampoo-lstm', (s) => (s.model.layers = { lstm: { units: 4 } }), 'model.layers', /expected a list \[ … \], got an object$/),
  bad('data as a list', 'shampoo-lstm', (s) => (s.data = []), 'data', /expected an object \{ … \}, got a list$/),
  bad('name as a number', 'shampoo-lstm', (s) => (s.name = 5), 'name', /expected a text in double quotes, got 5$/),
  bad('metrics as a string', 'shampoo-lstm', (s) => (s.evaluation.metrics = 'rmse'), 'evaluation.metrics', /expected a list \[ … \], got the text "rmse"$/),
  bad('optimizer as a string', 'shampoo-lstm', (s) => (s.training.optimizer = 'adam'), 'training.optimizer', /expected an object \{ … \}, got the text "adam"$/),
  bad('a missing model', 'shampoo-lstm', (s) => delete s.model, 'model', /required \(expected an object \{ … \}\)$/),
  bad('a null in place of training', 'shampoo-lstm', (s) => (s.training = null), 'training', /expected an object \{ … \}, got null$/),
  bad('an empty name', 'shampoo-lstm', (s) => (s.name = ''), 'name', /is empty; write a value/),
  bad('a name over 120 characters', 'shampoo-lstm', (s) => (s.name = 'n'.repeat(121)), 'name', /is longer than 120 characters; shorten it$/),
  bad('a name with a slash', 'shampoo-lstm', (s) => (s.name = 'a/b'), 'name', /use letters, digits, spaces, dots, dashes or underscores$/),
  bad('an empty data.column', 'shampoo-lstm', (s) => (s.data.column = ''), 'data.column', /is empty; write a value$/),
  bad('an empty data.path', 'shampoo-lstm', (s) => (s.data.path = ''), 'data.path', /path is empty; give the CSV file to read$/),

  // out-of-range numbers
  bad('epochs 0', 'shampoo-lstm', (s) => (s.training.epochs = 0), 'training.epochs', /epochs must be at least 1$/),
  bad('negative epochs', 'shampoo-lstm', (s) => (s.training.epochs = -3), 'training.epochs', /epochs must be at least 1$/),
  bad('repeats 0', 'shampoo-lstm', (s) => (s.repeats = 0), 'repeats', /0 is too small; use a number ≥ 1$/),
  bad('negative repeats', 'shampoo-lstm', (s) => (s.repeats = -1), 'repeats', /-1 is too small; use a number ≥ 1$/),
  bad('learningRate 0', 'shampoo-lstm', (s) => (s.training.optimizer.adam.learningRate = 0), 'training.optimizer.adam.learningRate', /0 is too small; use a number > 0$/),
  bad('negative SGD learningRate', 'shampoo-lstm', (s) => (s.training.optimizer = { sgd: { learningRate: -0.1 } }), 'training.optimizer.sgd.learningRate', /-0\.1 is too small; use a number > 0$/),
  bad('beta1 of 1', 'shampoo-lstm', (s) => (s.training.optimizer.adam.beta1 = 1), 'training.optimizer.adam.beta1', /1 is too large; use a number < 1$/),
  bad('dropout rate 1', 'char-lstm', (s) => (s.model.layers[3].dropout.rate = 1), 'model.layers[3].dropout.rate', /1 is too large; use a number < 1$/),
  bad('negative dropout rate', 'char-lstm', (s) => (s.model.layers[3].dropout.rate = -0.1), 'model.layers[3].dropout.rate', /-0\.1 is too small; use a number ≥ 0$/),
  bad('lstm units 0', 'shampoo-lstm', (s) => (s.model.layers[0].lstm.units = 0), 'model.layers[0].lstm.units', /0 is too small; use a number ≥ 1$/),
  bad('dense units 0', 'shampoo-lstm', (s) => (s.model.layers[1].dense.units = 0), 'model.layers[1].dense.units', /0 is too small; use a number ≥ 1$/),
  bad('batchSize 0', 'shampoo-lstm', (s) => (s.training.batchSize = 0), 'training.batchSize', /0 is too small; use a number ≥ 1$/),
  bad('testSize 0', 'shampoo-lstm', (s) => (s.evaluation.testSize = 0), 'evaluation.testSize', /0 is too small; use a number ≥ 1$/),
  bad('negative seed', 'shampoo-lstm', (s) => (s.seed = -5), 'seed', /-5 is too small; use a number ≥ 0$/),
  bad('seed above 2³¹ − 1', 'shampoo-lstm', (s) => (s.seed = 2 ** 31), 'seed', /2147483648 is too large; use a number ≤ 2147483647$/),
  bad('testFraction 1', 'mnist-rnn', (s) => (s.evaluation.testFraction = 1), 'evaluation.testFraction', /1 is too large; use a number < 1$/),
  bad('no metrics', 'shampoo-lstm', (s) => (s.evaluation.metrics = []), 'evaluation.metrics', /needs at least 1 item; add one$/),
  bad('min–max range empty', 'shampoo-lstm', (s) => (s.preprocessing[2] = { minmax: { min: 1, max: 1 } }), 'preprocessing[2].minmax.max', /must be greater than min/),

  // model structure
  bad('no layers', 'shampoo-lstm', (s) => layers(s, []), 'model.layers', /a model needs at least one layer$/),
  bad('an unknown layer kind', 'shampoo-lstm', (s) => (s.model.layers[0] = { conv1d: { units: 3 } }), 'model.layers[0].conv1d', /unknown key; expected one of: simpleRNN, lstm, gru, /),
  bad('two kinds in one layer', 'shampoo-lstm', (s) => (s.model.layers[0] = { lstm: { units: 4 }, gru: { units: 4 } }), 'model.layers[0]', /a layer holds exactly one kind, got lstm and gru$/),
  bad('an empty layer', 'shampoo-lstm', (s) => (s.model.layers[0] = {}), 'model.layers[0]', /empty layer; write exactly one of: simpleRNN, lstm, /),
  bad('an empty preprocessing step', 'shampoo-lstm', (s) => (s.preprocessing[0] = {}), 'preprocessing[0]', /empty preprocessing step; write exactly one of: difference, supervised, minmax, standardize$/),
  bad('an embedding that is not first', 'char-lstm', (s) => s.model.layers.splice(1, 0, { embedding: { inputDim: 10, outputDim: 4 } }), 'model.layers[1].embedding', /an Embedding reads token ids, so it can only be the first layer; move it to model\.layers\[0\]$/),
  bad('lstm → lstm without returnSequences', 'shampoo-lstm', (s) => layers(s, [{ lstm: { units: 4, stateful: true } }, { lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }]), 'model.layers[0].lstm.returnSequences', /this LSTM feeds another recurrent layer \(model\.layers\[1\]\.lstm\), so it must return sequences; set "returnSequences": true$/),
  bad('lstm → dense → lstm', 'shampoo-lstm', (s) => layers(s, [{ lstm: { units: 4, stateful: true } }, { dense: { units: 4 } }, { lstm: { units: 4, stateful: true } }, { dense: { units: 1 } }]), 'model.layers[0].lstm.returnSequences', /this LSTM feeds another recurrent layer \(model\.layers\[2\]\.lstm\) through model\.layers\[1\], so it must return sequences; set "returnSequences": true$/),
  bad('dense(3) last in a one-value forecast', 'shampoo-lstm', (s) => (s.model.layers[1] = { dense: { units: 3 } }), 'model.layers[1].dense.units', /the model outputs 3 values per row but a forecast here needs 1 output \(one value per target\); set "units": 1$/),
  bad('softmax on a forecast', 'shampoo-lstm', (s) => (s.model.layers[1] = { dense: { units: 1, activation: 'softmax' } }), 'model.layers[1].dense.activation', /a softmax over one unit always outputs 1 .*; use "linear"$/),
  bad('a classifier without softmax', 'mnist', (s) => (s.model.layers[1].dense.activation = 'linear'), 'model.layers[1].dense.activation', /a classifier ends in a softmax over its 10 classes; set "activation": "softmax"$/),
  bad('10 classes but dense(8)', 'mnist', (s) => (s.model.layers[1].dense.units = 8), 'model.layers[1].dense.units', /the model outputs 8 values per row but a classifier here needs 10 outputs \(one per class\); set "units": 10$/),
  bad('cross-entropy on a regression', 'sine-rnn', (s) => (s.training.loss = 'sparseCategoricalCrossentropy'), 'training.loss', /"sparseCategoricalCrossentropy" is a classification loss .*; use "mse" or "mae"$/),
  bad('mse on MNIST', 'mnist', (s) => (s.training.loss = 'mse'), 'training.loss', /"mse" is a regression loss and does not fit a classifier; use "sparseCategoricalCrossentropy"$/),
  bad('per-step targets without returnSequences', 'sine-rnn', (s) => (s.model.layers[0].simpleRNN.returnSequences = false), 'model.layers[1].dense', /the targets are one per step, so the model must return sequences; set "returnSequences": true/),
  bad('stateful forecast with batchSize 2', 'shampoo-lstm', (s) => (s.training.batchSize = 2), 'training.batchSize', /walk-forward forecasting with a stateful model forecasts one step at a time, so it needs batch size 1; set "batchSize": 1$/),
  bad('GRU on engine tfjs', 'shampoo-lstm', (s) => ((s.model.layers[0] = { gru: { units: 4, stateful: true } }), (s.engine = 'tfjs')), 'model.layers[0].gru', /.*use engine "auto" or "fused"/),
  bad('a forecast protocol on MNIST', 'mnist', (s) => (s.evaluation = { protocol: 'walk-forward', testSize: 12 }), 'evaluation.protocol', /"walk-forward" needs .*, but data\.kind "mnist" gives labeled sequences; pick a protocol that fits the data$/),

  // synthetic data ranges
  bad('sine tMin > tMax', 'sine-rnn', (s) => Object.assign(s.data, { tMin: 30, tMax: 0 }), 'data.tMax', /must be greater than tMin \(30\); swap them or raise tMax$/),
  bad('sine resolution 0', 'sine-rnn', (s) => (s.data.resolution = 0), 'data.resolution', /0 is too small; use a number > 0$/),
  bad('sine window longer than the range', 'sine-rnn', (s) => Object.assign(s.data, { tMin: 0, tMax: 1 }), 'data.steps', /20 steps need at least 22 points, .*; widen the range, refine the resolution or use fewer steps$/),
  bad('varlen minSteps > maxSteps', 'varlen-sum', (s) => Object.assign(s.data, { minSteps: 12, maxSteps: 10 }), 'data.minSteps', /12 is greater than maxSteps \(10\); swap them$/),
  bad('varlen count below 10', 'varlen-sum', (s) => (s.data.count = 3), 'data.count', /3 is too small; use a number ≥ 10$/),

  // grids
  bad('a grid path that does not exist', 'shampoo-lstm', (s) => (s.grid = { 'nothing.here': [1, 2] }), 'grid["nothing.here"]', /nothing does not exist in the spec; check the path$/),
  bad('a grid path past the last layer', 'shampoo-lstm', (s) => (s.grid = { 'model.layers[5].lstm.units': [1, 2] }), 'grid["model.layers[5].lstm.units"]', /model\.layers\[5\] does not exist in the spec; check the path$/),
  bad('an empty grid path', 'shampoo-lstm', (s) => (s.grid = { '': [1] }), 'grid[""]', /an empty path names no setting; write a dotted path into the spec/),
  bad('a grid path with a typo', 'shampoo-lstm', (s) => (s.grid = { 'model.layers[0].lstm.unitz': [1, 2] }), 'model.layers[0].lstm.unitz', /unknown key, did you mean units\? \(grid configuration 1 of 2: model\.layers\[0\]\.lstm\.unitz = 1\)$/),
  bad('a grid with an empty list', 'shampoo-lstm', (s) => (s.grid = { 'model.layers[0].lstm.units': [] }), 'grid.model.layers[0].lstm.units', /needs at least 1 item; add one$/),
  bad('a grid value that is not a list', 'shampoo-lstm', (s) => (s.grid = { 'model.layers[0].lstm.units': 4 }), 'grid.model.layers[0].lstm.units', /expected a list \[ … \], got 4$/),
  bad('a grid value that breaks one configuration', 'shampoo-lstm', (s) => (s.grid = { 'model.layers[0].lstm.units': [2, 0] }), 'model.layers[0].lstm.units', /0 is too small; use a number ≥ 1 \(grid configuration 2 of 2: model\.layers\[0\]\.lstm\.units = 0\)$/),
  bad('a grid value of the wrong type', 'shampoo-lstm', (s) => (s.grid = { 'model.layers[0].lstm.units': [1, 'four'] }), 'model.layers[0].lstm.units', /expected a number, got the text "four" \(grid configuration 2 of 2: /),
  bad('a grid value that fails a model check', 'shampoo-lstm', (s) => (s.grid = { 'training.batchSize': [1, 2] }), 'training.batchSize', /.*set "batchSize": 1 \(grid configuration 2 of 2: training\.batchSize = 2\)$/),
];
