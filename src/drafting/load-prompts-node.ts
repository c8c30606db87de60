/**
 * Node only: reads the prompt templates from `prompts/*.md`, and writes the bundled copy
 * (prompt-files.ts) that Workers and the browser import instead.
 *
 *   node bin/run-ts.js src/drafting/load-prompts-node.ts --write-bundle
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ZipingError } from '../core/errors.js';
import { loadPrompts, type PromptFile, type PromptSet } from './prompts.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository: two folders up from src/drafting, three from the compiled dist/server/drafting. */
const ROOT = existsSync(resolve(HERE, '../../package.json')) ? resolve(HERE, '../..') : resolve(HERE, '../../..');

/** `prompts/` of this repository. */
export const DEFAULT_PROMPTS_DIR = resolve(ROOT, 'prompts');
const BUNDLE_FILE = resolve(ROOT, 'src/drafting/prompt-files.ts');

/** The `.md` files of a directory (README.md included; `loadPrompts` skips it). */
export function readPromptFiles(dir: string = DEFAULT_PROMPTS_DIR): PromptFile[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .sort();
  } catch (error) {
    throw new ZipingError('template_error', `无法读取提示词目录 ${dir}：${(error as Error).message}`, { cause: error });
  }
  return names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Reads and checks the templates of `dir` (default `prompts/`). */
export function loadPromptsFromDir(dir: string = DEFAULT_PROMPTS_DIR): PromptSet {
  return loadPrompts(readPromptFiles(dir));
}

/** The source of prompt-files.ts for the templates of `dir`. */
export function promptBundleSource(dir: string = DEFAULT_PROMPTS_DIR): string {
  const files = readPromptFiles(dir).filter((f) => f.name !== 'README.md');
  loadPrompts(files); // never bundle a broken set
  return [
    '// Generated from prompts/*.md by `node bin/run-ts.js src/drafting/load-prompts-node.ts --write-bundle`.',
    '// Do not edit: edit the Markdown files and regenerate (tests/drafting/prompts.test.ts checks it is current).',
    "import type { PromptFile } from './prompts.js';",
    '',
    `export const PROMPT_FILES: PromptFile[] = ${JSON.stringify(files, null, 2)};`,
    '',
  ].join('\n');
}

export function writePromptBundle(dir: string = DEFAULT_PROMPTS_DIR, out: string = BUNDLE_FILE): string {
  writeFileSync(out, promptBundleSource(dir));
  return out;
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href &&
  process.argv.includes('--write-bundle')
) {
  console.log(`已写入 ${writePromptBundle()}`);
}
