/** Narrative checks: every figure, unit, cause and part of a narrative traced to the form (issue #13). */
export * from './types.js';
export { checkNarrative, type NarrativeOptions } from './check-narrative.js';
export { stripWrapper } from './register.js';
export { causeStatements } from './causes.js';
export type { Known } from './knowns.js';
export {
  checkFormNarratives,
  checkCellAsWritten,
  findingsOf,
  narrativeReportIssues,
  type CellCheck,
  type NarrativeFinding,
} from './form-narratives.js';
