/**
 * The drafting library: prompt templates, the built-in and model drafters, the checks every
 * draft passes, chat revision and batch drafting. Runs on Node, Workers and in the browser;
 * Node-only helpers are in load-prompts-node.ts.
 */
export type {
  CellKind,
  Outcome,
  ChatMessage,
  DraftRequest,
  ReviseRequest,
  DraftResult,
  DraftChecks,
  CheckIssue,
  CheckIssueCode,
  NumberCheck,
  DraftEvent,
  DraftSink,
  Drafter,
} from './types.js';
export { OUTCOMES } from './types.js';
export {
  parsePromptFile,
  loadPrompts,
  renderTemplate,
  DEFAULT_MAX_CHARS,
  type PromptFile,
  type PromptSet,
  type PromptTemplate,
  type PromptSections,
  type TemplateType,
} from './prompts.js';
export { TEMPLATE_VARIABLES, type VariableName, type VariableInfo, type TemplateVars } from './variables.js';
export { checkDraft, type CheckOptions } from './checks.js';
export {
  cellFacts,
  OUTCOME_LABELS,
  DEFAULT_OVER_RATIO,
  type CellFacts,
  type AllowedNumber,
  type RequiredFact,
  type RowFacts,
} from './context.js';
export { createBuiltinDrafter, applyQuickActions, NO_DEVIATION_TEXT, type BuiltinDrafterOptions } from './builtin.js';
export { createModelDrafter, type ModelDrafterOptions } from './model.js';
export { createDrafterFromEnv, drafterConfigFromEnv, type DrafterConfig } from './env.js';
export {
  draftMany,
  cellsNeedingText,
  isFillerText,
  type BatchItem,
  type BatchProgress,
  type DraftManyOptions,
} from './batch.js';
export { parseQuickActions, type QuickActions } from './quick-actions.js';
export { countChars, findNumbers } from './numbers.js';
export { DATA_OPEN, DATA_CLOSE, readDataBlock } from './messages.js';
export { PROMPT_FILES } from './prompt-files.js';
export { bundledPrompts } from './bundled.js';
