/**
 * Dotted field paths (`funding.total.executed`, `indicators.3.deviation`) over plain form
 * objects: the same paths the score report and the API use, so an issue names its input.
 */

/** The value at `path`, or undefined when any step is missing. */
export function getAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || node === undefined || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Sets the value at `path`, creating missing objects on the way (a null funding row becomes `{}`). */
export function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = root;
  keys.slice(0, -1).forEach((key) => {
    const next = node[key];
    if (next === null || next === undefined || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]!] = value;
}

/** The element id of the input for a path (`f-indicators-3-actual`), so labels and links can point at it. */
export function inputIdFor(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/** The narrative path of an indicator row's 偏差原因分析及改进措施 cell (core's). */
export { deviationPath } from '../core/narratives/paths.js';

/** Flattens an object into `path → leaf value` (arrays by index), for diffs and merges. */
export function flatten(value: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, Array.isArray(value) ? [] : {});
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, value ?? null);
  }
  return out;
}

/** A deep copy of JSON data. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
