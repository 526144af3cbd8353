// A version stored as its change from the version before: the places of the JSON that differ, each
// with its new value (absent: the key was removed). Objects are compared key by key, arrays of the
// same length item by item; an array whose length changed is stored whole.
export type Path = (string | number)[];
export interface Op {
  p: Path;
  v?: unknown;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The ops that turn `a` into `b` (both plain JSON). */
export function diffJson(a: unknown, b: unknown, path: Path = [], out: Op[] = []): Op[] {
  if (a === b) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push({ p: path, v: b });
    else for (let i = 0; i < a.length; i++) diffJson(a[i], b[i], [...path, i], out);
    return out;
  }
  if (isObject(a) && isObject(b)) {
    for (const k in b) {
      if (!(k in a)) out.push({ p: [...path, k], v: b[k] });
      else diffJson(a[k], b[k], [...path, k], out);
    }
    for (const k in a) if (!(k in b)) out.push({ p: [...path, k] });
    return out;
  }
  out.push({ p: path, v: b });
  return out;
}

/** `a` with the ops applied (`a` is changed in place; the result is the new root). */
export function applyJson(a: unknown, ops: Op[]): unknown {
  let root = a;
  for (const op of ops) {
    if (!op.p.length) {
      root = op.v;
      continue;
    }
    let at: any = root;
    for (let i = 0; i < op.p.length - 1; i++) at = at[op.p[i]];
    const k = op.p[op.p.length - 1];
    if ('v' in op) at[k] = op.v;
    else delete at[k];
  }
  return root;
}
