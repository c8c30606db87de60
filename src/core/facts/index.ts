/** The facts of a form a narrative may state (issue #13). */
export * from './types.js';
export { buildFacts, factsOf, type FactsOptions } from './form-facts.js';
export { outcomeKind, gradeOfShare } from './outcome-kind.js';
export { unitInName } from './row-unit.js';
