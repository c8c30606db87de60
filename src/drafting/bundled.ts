/** The templates bundled from prompts/ (prompt-files.ts), parsed once. */
import { loadPrompts, type PromptSet } from './prompts.js';
import { PROMPT_FILES } from './prompt-files.js';

let bundled: PromptSet | undefined;

/** The templates bundled at build time: what Workers use, and the default when none are passed. */
export function bundledPrompts(): PromptSet {
  bundled ??= loadPrompts(PROMPT_FILES);
  return bundled;
}
