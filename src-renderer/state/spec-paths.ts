/** Reading and writing inside a plain-JSON spec by path (`['model', 'layers', 0, 'lstm', 'units']`). */
export type Path = readonly (string | number)[];

type Obj = Record<string | number, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

/** The value at `path`, or undefined when any step is missing. */
export function getAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/**
 * Sets the value at `path`, creating objects (or arrays before a numeric key) on the way.
 * `undefined` deletes the key, so schema defaults apply and required fields report "required".
 */
export function setAt(root: Obj, path: Path, value: unknown): void {
  if (path.length === 0) throw new TypeError('setAt(): empty path');
  let cur: Obj = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    let next = cur[key];
    if (!isObj(next)) {
      cur[key] = typeof path[i + 1] === 'number' ? [] : {};
      // Read it back: reactive containers wrap what is assigned, and writes must go through the wrapper.
      next = cur[key];
    }
    cur = next as Obj;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/** The single key of a `{ kind: {...} }` object (layers, optimizers), or undefined. */
export function kindOf(choice: unknown): string | undefined {
  return isObj(choice) ? Object.keys(choice)[0] : undefined;
}
