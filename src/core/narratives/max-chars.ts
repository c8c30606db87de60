/** The default length limit of a narrative cell (the numbers live in core/limits.ts). */
import { DEFAULT_MAX_CHARS } from '../limits.js';

/** The default limit of the cell at `path`: 实际完成情况 1000, 偏差原因 200. */
export function defaultMaxChars(path: string): number {
  return path === 'goals.actual' ? DEFAULT_MAX_CHARS.goals : DEFAULT_MAX_CHARS.deviation;
}
