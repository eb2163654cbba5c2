import type { MethodOutputs } from '../../src-main/contract/api.js';

/** One finished repeat's task artifacts as `getArtifacts` returns them (the artifacts are untyped JSON). */
export type RepeatArtifacts = MethodOutputs['getArtifacts'][number];

/** A misclassified test example with its 28 × 28 pixels (0–255, row-major) when the data kept them. */
export interface Misclassified {
  readonly repeat: number;
  readonly row: number;
  readonly label: number;
  readonly predicted: number;
  readonly confidence: number;
  readonly pixels: readonly number[] | null;
}

/** A generated text sample at a temperature. */
export interface TextSample {
  readonly temperature: number;
  readonly prompt: string;
  readonly text: string;
}

type Loose = Record<string, unknown>;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isNumArray = (x: unknown): x is number[] => Array.isArray(x) && x.every(isNum);
const isMatrix = (x: unknown): x is number[][] => Array.isArray(x) && x.length > 0 && x.every(isNumArray);

/** The repeats of one configuration, by repeat number. */
export function repeatsOf(all: readonly RepeatArtifacts[] | null, configIndex: number): RepeatArtifacts[] {
  return (all ?? []).filter((a) => a.configIndex === configIndex).sort((a, b) => a.repeat - b.repeat);
}

/** The confusion matrix (`[true][predicted]` counts) of a repeat, or null when it has none. */
export function confusionOf(a: RepeatArtifacts): number[][] | null {
  return isMatrix(a.artifacts.confusion) ? a.artifacts.confusion : null;
}

/** The per-class accuracies (fractions) of a repeat, or null. */
export function perClassOf(a: RepeatArtifacts): number[] | null {
  const v = a.artifacts.perClassAccuracy;
  return Array.isArray(v) && v.length > 0 ? v.map((x) => (isNum(x) ? x : NaN)) : null;
}

/** A repeat's misclassified examples (well-formed entries only; pixels null unless 784 numbers). */
export function misclassifiedOf(a: RepeatArtifacts): Misclassified[] {
  const list = a.artifacts.misclassified;
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw): Misclassified[] => {
    const m = raw as Loose;
    if (!isNum(m.label) || !isNum(m.predicted)) return [];
    const pixels = isNumArray(m.pixels) && m.pixels.length === 784 ? m.pixels : null;
    return [{ repeat: a.repeat, row: isNum(m.row) ? m.row : -1, label: m.label, predicted: m.predicted, confidence: isNum(m.confidence) ? m.confidence : NaN, pixels }];
  });
}

/** A repeat's generated samples, in stored order. */
export function samplesOf(a: RepeatArtifacts): TextSample[] {
  const list = a.artifacts.samples;
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw): TextSample[] => {
    const s = raw as Loose;
    return isNum(s.temperature) && typeof s.text === 'string' ? [{ temperature: s.temperature, prompt: typeof s.prompt === 'string' ? s.prompt : '', text: s.text }] : [];
  });
}

/** The positions (e.g. t) of the plotted instance's steps of a regression repeat, or null. */
export function instancePositionsOf(a: RepeatArtifacts | undefined): number[] | null {
  const v = a?.artifacts.instancePositions;
  return isNumArray(v) && v.length > 0 ? v : null;
}
