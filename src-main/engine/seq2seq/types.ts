import type { TrainingSpec, BackendChoice } from '../../contract/spec.js';
import type { WeightTensor } from '../../contract/results.js';

// The contract between the translation task and the engines that train a character encoder–decoder
// (seed 004). Inputs are one-hot characters as in the Keras example (no embedding): an id of -1 is a zero row.
// Both engines (tfjs functional = reference, fused = fast) implement `Seq2seqEngine`; the task never knows
// which one runs.

/** The architecture of an encoder–decoder, resolved from the spec (every default written in). */
export interface Seq2seqArchitecture {
  /** LSTM widths of the encoder stack, input first (the spec's `encoder` list). */
  readonly encoderUnits: readonly number[];
  /**
   * LSTM widths of the decoder stack (same length as the encoder's: decoder layer i starts from encoder
   * layer i's final [h, c]; with a bidirectional encoder from the concatenated [h_fw; h_bw], [c_fw; c_bw], so
   * decoder width = 2 × encoder width there). Mismatches are refused before storing.
   */
  readonly decoderUnits: readonly number[];
  readonly attention: 'none' | 'bahdanau';
  /** Width a of the additive score vᵀ·tanh(W₁·s + W₂·h): default the top decoder layer's width. */
  readonly attentionUnits: number;
  readonly bidirectionalEncoder: boolean;
  readonly sourceVocab: number;
  readonly targetVocab: number;
}

/**
 * Pairs as character ids, padded with -1 (a zero one-hot row) past each length. Targets are wrapped
 * (`\t` … `\n`): with teacher forcing the decoder reads target[t] and predicts target[t + 1] for
 * t = 0 … targetLengths[i] − 2, so a pair contributes targetLengths[i] − 1 scored characters (padding never
 * scored). The encoder is masked: past sourceLengths[i] its state is frozen (its final [h, c] are those at
 * step length − 1) and attention gives padded positions weight 0.
 */
export interface PairTensors {
  readonly n: number;
  readonly sourceSteps: number;
  readonly targetSteps: number;
  /** n × sourceSteps ids. */
  readonly source: Int32Array;
  readonly sourceLengths: Int32Array;
  /** n × targetSteps ids of the wrapped targets. */
  readonly target: Int32Array;
  readonly targetLengths: Int32Array;
}

/** Loss and accuracy over real (non-padding) target characters only: mean over scored characters. */
export interface ForcedScores {
  readonly loss: number;
  readonly charAccuracy: number;
}

/** Greedy or sampled decoding of a batch, one character per call, for all rows at once. */
export interface DecoderSession {
  readonly n: number;
  /**
   * Feeds one target id per row (the first call: the id of `\t`); returns the next character's distribution
   * (n × targetVocab, softmax) and, for attention models, the weights over source positions used at this step
   * (n × sourceSteps, zero on padding, each row summing to 1), else null.
   */
  step(tokens: Int32Array): { probs: Float64Array; attention: Float64Array | null };
}

/** An encoder–decoder one engine trains. Methods may be called only before `dispose()`. */
export interface Seq2seqModel {
  readonly engine: string;
  readonly backend: string;
  /**
   * One teacher-forced pass over the pairs in `order` (all in index order when omitted), in batches of the
   * training spec's batch size, one optimizer step per batch; returns the mean over batches of each batch's
   * loss (categorical cross-entropy averaged over the batch's real target characters).
   */
  trainEpoch(pairs: PairTensors, options?: { order?: Int32Array }): Promise<number>;
  /** Teacher-forced loss and character accuracy (argmax = reference) over real characters. */
  evaluate(pairs: PairTensors): Promise<ForcedScores>;
  /**
   * Teacher-forced distributions: n × (targetSteps − 1) × targetVocab (rows past a pair's length are
   * unspecified). For the fidelity test: a {@link DecoderSession} fed the reference characters gives the same.
   */
  forcedDistributions(pairs: PairTensors): Promise<Float64Array>;
  /** Encodes the sources of `pairs` (targets ignored) and returns a decoder session starting from their states. */
  startDecoding(pairs: PairTensors): DecoderSession;
  /** Current weights, in {@link seq2seqWeightLayout} order. */
  getWeights(): WeightTensor[];
  dispose(): void;
}

/** What an engine needs to build an encoder–decoder. */
export interface Seq2seqRequest {
  readonly architecture: Seq2seqArchitecture;
  readonly training: TrainingSpec;
  /** Initial weights in {@link seq2seqWeightLayout} order: identical in every engine for one seed. */
  readonly weights: readonly WeightTensor[];
  readonly backend: BackendChoice;
  readonly seed?: number;
}

export interface Seq2seqEngine {
  readonly name: string;
  create(request: Seq2seqRequest): Promise<Seq2seqModel>;
}

/** One weight of an encoder–decoder: name, Keras shape and Keras initialiser. */
export interface Seq2seqWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly init: 'glorotUniform' | 'orthogonal' | 'zeros' | 'unitForgetBias';
}

/**
 * The weights of an encoder–decoder in their one order (Keras layouts; LSTM gate order i, f, c, o):
 * - per encoder layer i (`encoder[i]`, and with a bidirectional encoder `encoder[i].forward` then
 *   `encoder[i].backward`): `kernel` [in, 4u], `recurrentKernel` [u, 4u], `bias` [4u]; in = sourceVocab for
 *   layer 0, else the previous layer's output width (2u below a bidirectional layer);
 * - with Bahdanau attention: `attention.queryKernel` W₁ [top decoder width, a] (query s_{t−1}, the top decoder
 *   layer's h), `attention.keyKernel` W₂ [top encoder output width, a], `attention.scoreKernel` v [a, 1];
 * - per decoder layer i (`decoder[i]`): `kernel` [in, 4u], `recurrentKernel`, `bias`; in = targetVocab
 *   (+ the top encoder output width with attention: the context is concatenated to the input, input feeding)
 *   for layer 0, else the previous decoder width;
 * - `output.kernel` [top decoder width, targetVocab], `output.bias` [targetVocab] (softmax).
 */
export function seq2seqWeightLayout(a: Seq2seqArchitecture): Seq2seqWeight[] {
  const out: Seq2seqWeight[] = [];
  const lstm = (prefix: string, input: number, units: number) => {
    out.push({ name: `${prefix}.kernel`, shape: [input, 4 * units], init: 'glorotUniform' });
    out.push({ name: `${prefix}.recurrentKernel`, shape: [units, 4 * units], init: 'orthogonal' });
    out.push({ name: `${prefix}.bias`, shape: [4 * units], init: 'unitForgetBias' });
  };
  let input = a.sourceVocab;
  a.encoderUnits.forEach((u, i) => {
    if (a.bidirectionalEncoder) {
      lstm(`encoder[${i}].forward`, input, u);
      lstm(`encoder[${i}].backward`, input, u);
      input = 2 * u;
    } else {
      lstm(`encoder[${i}]`, input, u);
      input = u;
    }
  });
  const encoderOut = input;
  const top = a.decoderUnits[a.decoderUnits.length - 1]!;
  if (a.attention === 'bahdanau') {
    out.push({ name: 'attention.queryKernel', shape: [top, a.attentionUnits], init: 'glorotUniform' });
    out.push({ name: 'attention.keyKernel', shape: [encoderOut, a.attentionUnits], init: 'glorotUniform' });
    out.push({ name: 'attention.scoreKernel', shape: [a.attentionUnits, 1], init: 'glorotUniform' });
  }
  input = a.targetVocab + (a.attention === 'bahdanau' ? encoderOut : 0);
  a.decoderUnits.forEach((u, i) => {
    lstm(`decoder[${i}]`, input, u);
    input = u;
  });
  out.push({ name: 'output.kernel', shape: [top, a.targetVocab], init: 'glorotUniform' });
  out.push({ name: 'output.bias', shape: [a.targetVocab], init: 'zeros' });
  return out;
}
