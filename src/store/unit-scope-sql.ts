/**
 * The SQL of a list's unit scope (issue #12), for the D1 and PostgreSQL stores: the same decision as
 * `inScope` in core/access/rights.ts. A subtree is matched by prefix with `substr`, not LIKE, so
 * `%` and `_` in a unit name are plain characters; lengths count characters, as both databases do.
 */
import type { UnitScope } from '../core/access/rights.js';

/** The WHERE condition for `scope` on `column` (null: every form); `param` adds a value, returns its placeholder. */
export function scopeCondition(
  scope: UnitScope | undefined,
  column: string,
  param: (value: unknown) => string,
): string | null {
  if (!scope || scope.kind === 'all') return null;
  if (scope.kind === 'none') return '1 = 0';
  if (!scope.subtree) return `${column} = ${param(scope.unit)}`;
  const prefix = `${scope.unit}/`;
  return `(${column} = ${param(scope.unit)} OR substr(${column}, 1, ${param([...prefix].length)}) = ${param(prefix)})`;
}
