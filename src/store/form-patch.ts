/**
 * Patches between two JSON values, so a form's history stores what a save changed instead of a
 * full copy per version (issue #8: 60 saves of a 1 MB form made a 174 MB file). A patch is a list
 * of operations on paths; applying `diffJson(a, b)` to `a` gives a value deep-equal to `b`.
 */

/** A step into an object key or an array index. */
export type PatchKey = string | number;

/**
 * One operation: `{ p, v }` sets the value at `p`; `{ p, n }` cuts the array at `p` to length `n`;
 * `{ p }` alone deletes the key at `p` (an undefined `v` serialized to JSON reads the same way).
 */
export interface PatchOp {
  p: PatchKey[];
  v?: unknown;
  n?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function diffArrays(before: unknown[], after: unknown[], path: PatchKey[], out: PatchOp[]): void {
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i += 1) diffInto(before[i], after[i], [...path, i], out);
  if (after.length < before.length) out.push({ p: path, n: after.length });
  for (let i = common; i < after.length; i += 1) out.push({ p: [...path, i], v: after[i] });
}

function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  path: PatchKey[],
  out: PatchOp[],
): void {
  for (const key of Object.keys(before)) {
    if (!(key in after) || after[key] === undefined) {
      if (before[key] !== undefined) out.push({ p: [...path, key] });
    }
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (before[key] === undefined) out.push({ p: [...path, key], v: value });
    else diffInto(before[key], value, [...path, key], out);
  }
}

function diffInto(before: unknown, after: unknown, path: PatchKey[], out: PatchOp[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    diffArrays(before, after, path, out);
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    diffRecords(before, after, path, out);
    return;
  }
  if (before !== after) out.push({ p: path, v: after });
}

/** The operations that turn JSON value `before` into `after` (empty when they are equal). */
export function diffJson(before: unknown, after: unknown): PatchOp[] {
  const out: PatchOp[] = [];
  diffInto(before, after, [], out);
  return out;
}

function applyOne(root: unknown, op: PatchOp): unknown {
  if (op.p.length === 0) {
    if (op.n === undefined) return structuredClone(op.v);
    (root as unknown[]).length = op.n;
    return root;
  }
  let parent = root as Record<PatchKey, unknown>;
  for (const key of op.p.slice(0, -1)) parent = parent[key] as Record<PatchKey, unknown>;
  const last = op.p[op.p.length - 1]!;
  if (op.n !== undefined) (parent[last] as unknown[]).length = op.n;
  else if (op.v === undefined) delete parent[last];
  else parent[last] = structuredClone(op.v);
  return root;
}

/** `value` with `ops` applied, as a new value (`value` is not changed). */
export function applyPatch<T>(value: T, ops: readonly PatchOp[]): T {
  let result: unknown = structuredClone(value);
  for (const op of ops) result = applyOne(result, op);
  return result as T;
}
