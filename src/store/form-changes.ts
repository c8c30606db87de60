/**
 * Which fields a save changed: the dotted leaf paths (`indicators.3.actual`, `project.name`)
 * whose values differ between two versions of a form.
 */

/** An empty cell may arrive as null, absent or '' depending on the client; all three mean "empty". */
function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function isBranch(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object';
}

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((_, i) => String(i));
  if (isBranch(value)) return Object.keys(value);
  return [];
}

function childOf(value: unknown, key: string): unknown {
  if (!isBranch(value)) return undefined;
  return (value as Record<string, unknown>)[key];
}

function walk(before: unknown, after: unknown, prefix: string, out: string[]): void {
  if (isBranch(before) || isBranch(after)) {
    const keys = new Set([...keysOf(before), ...keysOf(after)]);
    // A leaf that turned into a branch (or back) changed at its own path too.
    if (!isBranch(before) && !isEmpty(before)) out.push(prefix);
    if (!isBranch(after) && !isEmpty(after)) out.push(prefix);
    for (const key of keys) walk(childOf(before, key), childOf(after, key), prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  if (isEmpty(before) && isEmpty(after)) return;
  if (before !== after) out.push(prefix);
}

/** The dotted leaf paths whose values differ between `before` and `after`, in document order. */
export function changedPaths(before: unknown, after: unknown): string[] {
  const out: string[] = [];
  walk(before, after, '', out);
  return [...new Set(out)];
}
