import { LabError, listValues, quoteValue } from '../contract/errors.js';

/**
 * Weka's Attribute-Relation File Format, read by hand. The npm parsers were checked and none fits: `node-arff`
 * splits on whitespace (quoted names and values with spaces break) and has no line numbers or relational
 * attributes; `arff` (a generated parser on lodash 2 and moment) has no relational attributes either — and
 * relational attributes are how Weka stores multi-instance data such as time series, the case this reader exists
 * for. The format is small: a header of `@relation`, `@attribute name type` lines (`numeric | integer | real |
 * string | date [format] | {nominal, …} | relational … @end name`), then `@data` with one instance per line,
 * comma-separated values, `'…'`/`"…"` quoting with backslash escapes, `?` for missing, and sparse `{index value, …}`.
 */

/** One attribute of an ARFF header. */
export interface ArffAttribute {
  readonly name: string;
  readonly type: 'numeric' | 'nominal' | 'string' | 'date' | 'relational';
  /** The declared labels of a nominal attribute, in order. */
  readonly values?: readonly string[];
  /** The attributes of each row of a relational value (one row per step in Weka's time-series form). */
  readonly attributes?: readonly ArffAttribute[];
}

/** A parsed ARFF file: its attributes and instances (raw, unquoted values; `?` kept as `?`), with their lines. */
export interface ArffFile {
  readonly relation: string;
  readonly attributes: readonly ArffAttribute[];
  readonly rows: readonly (readonly string[])[];
  /** The 1-based line of each row in the file. */
  readonly lines: readonly number[];
}

const fail = (path: string, line: number, message: string): never => {
  throw new LabError('DATA_INVALID', `${path}:${line}: ${message}`);
};

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '%': '%' };

/**
 * Splits one line into values separated by `separator` (`,` in data, whitespace in headers when `words`),
 * unquoting `'…'` and `"…"` with backslash escapes. `where` names the line in errors.
 */
export function splitValues(text: string, where: () => string, separator: ',' | 'words' = ','): string[] {
  const out: string[] = [];
  let i = 0;
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t';
  while (i <= text.length) {
    while (isSpace(text[i])) i++;
    let value = '';
    const quote = text[i];
    if (quote === "'" || quote === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new LabError('DATA_INVALID', `${where()}: a value opened with ${quote} is never closed; close the quote`);
        const c = text[i]!;
        if (c === '\\') {
          value += ESCAPES[text[i + 1] ?? ''] ?? text[i + 1] ?? '';
          i += 2;
        } else if (c === quote) {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      while (isSpace(text[i])) i++;
      if (i < text.length && (separator === 'words' ? false : text[i] !== ',')) {
        throw new LabError('DATA_INVALID', `${where()}: unexpected ${quoteValue(text[i]!)} after a quoted value; separate values with commas`);
      }
    } else {
      const start = i;
      while (i < text.length && (separator === 'words' ? !isSpace(text[i]) : text[i] !== ',')) i++;
      value = text.slice(start, i).trim();
    }
    out.push(value);
    if (separator === 'words') {
      while (isSpace(text[i])) i++;
      if (i >= text.length) break;
    } else {
      if (i >= text.length) break;
      i++; // the comma
    }
  }
  return out;
}

/** The type of an `@attribute` line after its name (the text up to the end of the line). */
function parseType(rest: string, path: string, line: number, name: string): Omit<ArffAttribute, 'name' | 'attributes'> {
  const text = rest.trim();
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) fail(path, line, `attribute ${quoteValue(name)}: nominal values open with { but do not close; end them with }`);
    const values = splitValues(text.slice(1, -1), () => `${path}:${line}`);
    if (values.length === 0 || values.some((v) => v === '')) fail(path, line, `attribute ${quoteValue(name)}: an empty nominal value; list them like {walk, run}`);
    return { type: 'nominal', values };
  }
  const word = text.split(/\s+/)[0]!.toLowerCase();
  if (word === 'numeric' || word === 'real' || word === 'integer') return { type: 'numeric' };
  if (word === 'string') return { type: 'string' };
  if (word === 'date') return { type: 'date' };
  if (word === 'relational') return { type: 'relational' };
  return fail(path, line, `attribute ${quoteValue(name)}: unknown type ${quoteValue(text)}; use numeric, integer, real, string, date, {nominal values} or relational`);
}

/**
 * Parses ARFF text (`path` names it in errors). Every problem is one line with file:line and the fix: a missing
 * `@relation`/`@data`, an unknown type, an unclosed quote or `relational` without `@end`, a data row with the
 * wrong number of values, a nominal value not declared.
 */
export function parseArff(text: string, path: string): ArffFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let relation: string | undefined;
  const top: ArffAttribute[] = [];
  /** Open relational attributes (innermost last) and the attributes gathered for each. */
  const open: { name: string; attributes: ArffAttribute[]; line: number }[] = [];
  let dataLine = -1;
  for (let i = 0; i < lines.length && dataLine < 0; i++) {
    const line = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('%')) continue;
    const [keyword = '', ...rest] = splitValues(raw, () => `${path}:${line}`, 'words');
    const key = keyword.toLowerCase();
    if (key === '@relation') {
      relation = rest[0] ?? fail(path, line, '@relation needs a name');
    } else if (key === '@attribute') {
      const name = rest[0] ?? fail(path, line, '@attribute needs a name and a type');
      if (rest.length < 2) fail(path, line, `attribute ${quoteValue(name)} has no type; give numeric, string, {values}, … after its name`);
      // The type is the rest of the line after the (possibly quoted) name.
      const after = raw.slice('@attribute'.length).trim();
      const typeText = after.startsWith("'") || after.startsWith('"') ? after.slice(after.indexOf(after[0]!, 1) + 1) : after.slice(after.search(/\s/));
      const type = parseType(typeText, path, line, name);
      const into = open.at(-1)?.attributes ?? top;
      if (into.some((a) => a.name === name)) fail(path, line, `attribute ${quoteValue(name)} is declared twice; rename one`);
      if (type.type === 'relational') {
        open.push({ name, attributes: [], line });
      } else {
        into.push({ name, ...type });
      }
    } else if (key === '@end') {
      const rel = open.pop() ?? fail(path, line, '@end without an open relational attribute');
      if (rest[0] !== undefined && rest[0] !== rel.name) fail(path, line, `@end ${quoteValue(rest[0])} closes relational attribute ${quoteValue(rel.name)}; match the names`);
      if (rel.attributes.length === 0) fail(path, rel.line, `relational attribute ${quoteValue(rel.name)} declares no attributes before its @end`);
      (open.at(-1)?.attributes ?? top).push({ name: rel.name, type: 'relational', attributes: rel.attributes });
    } else if (key === '@data') {
      if (open.length > 0) fail(path, open.at(-1)!.line, `relational attribute ${quoteValue(open.at(-1)!.name)} has no @end before @data; close it with @end ${open.at(-1)!.name}`);
      dataLine = i;
    } else {
      fail(path, line, `unexpected ${quoteValue(keyword.slice(0, 40))} in the header; expected @relation, @attribute, @end or @data`);
    }
  }
  if (relation === undefined) throw new LabError('DATA_INVALID', `${path}: no @relation line; an ARFF file starts with @relation <name>`);
  if (dataLine < 0) throw new LabError('DATA_INVALID', `${path}: no @data line; the instances follow a line @data after the attributes`);
  if (top.length === 0) throw new LabError('DATA_INVALID', `${path}: no @attribute lines before @data; declare the columns`);
  const rows: string[][] = [];
  const rowLines: number[] = [];
  for (let i = dataLine + 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('%')) continue;
    const values = raw.startsWith('{') ? sparseRow(raw, top, path, line) : splitValues(raw, () => `${path}:${line}`);
    if (values.length !== top.length) {
      fail(path, line, `${values.length} values, but ${top.length} attributes are declared (${listValues(top.map((a) => a.name))}); give one value per attribute`);
    }
    top.forEach((a, c) => {
      const v = values[c]!;
      if (a.type === 'nominal' && v !== '?' && !a.values!.includes(v)) {
        fail(path, line, `attribute ${quoteValue(a.name)}: ${quoteValue(v)} is not one of its declared values (${listValues(a.values!)}); fix the value or the @attribute line`);
      }
    });
    rows.push(values);
    rowLines.push(line);
  }
  return { relation, attributes: top, rows, lines: rowLines };
}

/** A sparse instance `{index value, …}`: unlisted numeric attributes are 0 (Weka's meaning), others missing. */
function sparseRow(raw: string, attributes: readonly ArffAttribute[], path: string, line: number): string[] {
  if (!raw.endsWith('}')) fail(path, line, 'a sparse instance opens with { but does not close; end it with }');
  const values: string[] = attributes.map((a) => (a.type === 'numeric' ? '0' : '?'));
  const body = raw.slice(1, -1).trim();
  if (body === '') return values;
  for (const pair of splitValues(body, () => `${path}:${line}`)) {
    const [index, ...rest] = splitValues(pair, () => `${path}:${line}`, 'words');
    const k = Number(index);
    if (!Number.isInteger(k) || k < 0 || k >= attributes.length || rest.length !== 1) {
      fail(path, line, `sparse entry ${quoteValue(pair)}: expected "<index> <value>" with an index from 0 to ${attributes.length - 1}`);
    }
    values[k] = rest[0]!;
  }
  return values;
}
