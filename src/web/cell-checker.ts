/**
 * The narrative checks (draft-checks.ts: core's checks with the drafting facts, a fifth of the
 * page's script) load as a chunk of their own after the editor is drawn. A cell checks its text
 * once they are there; until then it shows its count only, as it does while the user types.
 */
import type { checkCell } from './draft-checks.js';

let checker: typeof checkCell | undefined;
let loading: Promise<typeof checkCell> | undefined;

/** The check of a cell's text, once loaded. */
export function loadedChecker(): typeof checkCell | undefined {
  return checker;
}

/** Loads the checks once; settles with them. */
export function loadChecker(): Promise<typeof checkCell> {
  loading ??= import('./draft-checks.js').then((module) => (checker = module.checkCell));
  return loading;
}
