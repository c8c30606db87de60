/**
 * The default length limits of the narrative cells (prompts README; the printed forms leave room
 * for about 1000 characters of 实际完成情况 and 200 per 偏差原因分析及改进措施).
 */
export const DEFAULT_MAX_CHARS = { goals: 1000, deviation: 200 } as const;

/** The default limit of the cell at `path`. */
export function defaultMaxChars(path: string): number {
  return path === 'goals.actual' ? DEFAULT_MAX_CHARS.goals : DEFAULT_MAX_CHARS.deviation;
}
