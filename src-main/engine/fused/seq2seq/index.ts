/**
 * The fused engine's character encoder–decoder (seq2seq, issue 10 part B), implementing `Seq2seqEngine`
 * (engine/seq2seq/types.ts). Files: `lstm-run.ts` (one LSTM layer stepped by its caller, on the fused cell
 * kernels), `encoder.ts` (masked, optionally bidirectional stack), `attention.ts` (Bahdanau, forward and
 * backward per step), `decoder.ts` (decoder stack + softmax Dense, input feeding), `loss.ts`, `net.ts` (one
 * teacher-forced pass and its gradients), `model.ts` (weights, batches, optimizer), `session.ts` (step-by-step
 * decoding), `checks.ts` (refusals). Tests beside these files; oracles (tfjs, a plain reference) in the tests.
 */
import type { Seq2seqEngine, Seq2seqModel, Seq2seqRequest } from '../../seq2seq/types.js';
import { FusedSeq2seqModel, type FusedSeq2seqOptions } from './model.js';

export { FusedSeq2seqModel, type FusedSeq2seqOptions } from './model.js';

/** The fused seq2seq engine with the given storage precision and kernel tier; `create` returns a {@link FusedSeq2seqModel}. */
export function createFusedSeq2seqEngine(options: FusedSeq2seqOptions = {}): Seq2seqEngine {
  return {
    name: 'fused',
    create: async (request: Seq2seqRequest): Promise<Seq2seqModel> => new FusedSeq2seqModel(request, options),
  };
}

/** The fused seq2seq engine with its defaults: float64, kernels 'auto'. */
export const fusedSeq2seqEngine: Seq2seqEngine = createFusedSeq2seqEngine();
