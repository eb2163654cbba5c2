import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LabError } from '../contract/errors.js';

/** One file's share of the CLDR pairs. */
export interface CldrPart {
  /** npm package and the file within it (the `en` side; the `pt` one sits beside it). */
  readonly package: string;
  readonly file: string;
  /** Entries with an English and a Portuguese name that differ. */
  readonly pairs: number;
  /** Of those, the pairs not already given by an earlier part (what this part adds after de-duplication). */
  readonly added: number;
}

/** English→Portuguese pairs (targets without markers) and where they came from. */
export interface CldrPairs {
  readonly pairs: readonly { readonly source: string; readonly target: string }[];
  readonly parts: readonly CldrPart[];
  /** The CLDR release of the installed packages (their package.json versions, e.g. "48.2.0"). */
  readonly version: string;
}

/** The packages read, at the version REFERENCE.md describes (Unicode License v3, see data/README.md). */
export const CLDR_PACKAGES = ['cldr-annotations-full', 'cldr-annotations-derived-full', 'cldr-localenames-full'] as const;

type Names = ReadonlyMap<string, string>;
interface PartSpec {
  readonly package: (typeof CLDR_PACKAGES)[number];
  /** File path with `{locale}` for en / pt. */
  readonly file: string;
  /** Key → name of one locale's file. */
  readonly names: (json: unknown, locale: string) => Names;
}

/** `.annotations[char].tts[0]` of an annotations file (the text-to-speech name: one per character). */
const ttsNames = (top: string) => (json: unknown): Names => {
  const entries = ((json as Record<string, { annotations: Record<string, { tts?: string[] }> }>)[top]!.annotations);
  return new Map(Object.entries(entries).flatMap(([char, a]) => (a.tts?.[0] ? [[char, a.tts[0]] as const] : [])));
};
/** `main[locale].localeDisplayNames[field]` of a locale-names file (code → display name). */
const displayNames = (field: string) => (json: unknown, locale: string): Names => {
  const main = (json as { main: Record<string, { localeDisplayNames: Record<string, Record<string, string>> }> }).main;
  return new Map(Object.entries(main[locale]!.localeDisplayNames[field]!));
};

// The order of the parts is the order of the pairs (and which part a duplicate is credited to).
const PARTS: readonly PartSpec[] = [
  { package: 'cldr-annotations-full', file: 'annotations/{locale}/annotations.json', names: ttsNames('annotations') },
  { package: 'cldr-annotations-derived-full', file: 'annotationsDerived/{locale}/annotations.json', names: ttsNames('annotationsDerived') },
  ...(['languages', 'territories', 'scripts', 'variants'] as const).map((field) => ({
    package: 'cldr-localenames-full' as const,
    file: `main/{locale}/${field}.json`,
    names: displayNames(field),
  })),
];

const require = createRequire(import.meta.url);
/** The folder of an installed package in node_modules, or a LabError saying how to install it. */
function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new LabError('FILE_NOT_FOUND', `data.source "cldr": the npm package ${name} is not installed; run npm install in RNN Lab's folder`);
  }
}

let cached: CldrPairs | undefined;

/**
 * English→Portuguese pairs from the Unicode CLDR npm packages (read from node_modules, no download): emoji
 * names (`tts`), derived emoji names (skin tones, …), and language, territory, script and variant names. A pair is
 * kept when both locales name the entry and the names differ (`"pizza"` → `"pizza"` teaches nothing); duplicates
 * (the same English and Portuguese from two files, e.g. "Arabic" → "árabe" as a language and a script) are kept
 * once. Order: the parts in the order above, each by key in code-unit order — the same on every machine. Cached.
 */
export function cldrPairs(): CldrPairs {
  if (cached) return cached;
  const seen = new Set<string>();
  const pairs: { source: string; target: string }[] = [];
  const parts: CldrPart[] = [];
  const versions = new Set(CLDR_PACKAGES.map((name) => (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version));
  for (const part of PARTS) {
    const dir = packageDir(part.package);
    const read = (locale: string): Names => {
      const file = join(dir, part.file.replace('{locale}', locale));
      try {
        return part.names(JSON.parse(readFileSync(file, 'utf8')), locale);
      } catch (error) {
        throw new LabError('DATA_INVALID', `data.source "cldr": ${file} is not the CLDR file expected (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); reinstall ${part.package}`);
      }
    };
    const en = read('en');
    const pt = read('pt');
    let kept = 0;
    let added = 0;
    for (const key of [...en.keys()].sort()) {
      const source = en.get(key)!;
      const target = pt.get(key);
      if (target === undefined || target === source) continue;
      kept++;
      const id = `${source}\t${target}`;
      if (seen.has(id)) continue;
      seen.add(id);
      pairs.push({ source, target });
      added++;
    }
    parts.push({ package: part.package, file: part.file.replace('{locale}', 'en'), pairs: kept, added });
  }
  cached = { pairs, parts, version: [...versions].join(' / ') };
  return cached;
}
