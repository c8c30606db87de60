/**
 * The pure core of Ziping: schemas, the 指标值 parser, rule profiles, the scorer and its checks.
 * Nothing here does I/O, so the same code runs in Node, in Workers and in the browser.
 */
export * from './errors.js';
export * from './schema/form.js';
export * from './schema/report.js';
export { parseForm, parseWith, fieldIssuesOf } from './schema/validate.js';
export { scoreForm, type ScoreOptions } from './scoring/score-form.js';
export { getProfile, listProfiles, DEFAULT_PROFILE_ID } from './profiles/index.js';
export type { RuleProfile } from './profiles/types.js';
export { printedScores, type PrintedScores } from './scoring/printed-scores.js';
export * from './facts/index.js';
export { overAchievementRatio, DEFAULT_OVER_RATIO } from './profiles/over-ratio.js';
