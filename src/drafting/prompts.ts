/**
 * Prompt templates: Markdown files in `prompts/` that a non-programmer can read and edit.
 *
 *   ---
 *   id: deviation-missed
 *   version: 1
 *   type: draft              # system | draft | revise | repair (default draft)
 *   cell: deviation          # goals | deviation (draft only)
 *   outcome: missed          # missed | over-achievement | reverse-exceeded | qualitative-partial | late | generic
 *   maxChars: 200            # default character limit of the cell (draft only, optional)
 *   title: 偏差原因分析及改进措施（未完成年度指标值）
 *   ---
 *   # A title for people (not sent)
 *   <!-- notes for editors (not sent) -->
 *   ## 模型任务            what the model is asked (no user text here; the model gets it as data)
 *   ## 内置起草提纲        the built-in drafter's sentence pattern
 *   ## 默认偏差原因        deviation only: cause used when the user gave none (a 〔待补充：…〕 placeholder)
 *   ## 默认改进措施        deviation only: measure used when the user gave none
 *
 * `{{name}}` inserts a variable from the fixed list in variables.ts. An unknown variable, a
 * variable that does not exist for the template's cell, or user text in the model's
 * instructions fails at load with the file name (ZipingError `template_error`).
 *
 * Pure: no file system. `loadPrompts` takes `{ name, text }[]`, so a Worker can bundle the texts
 * (see prompt-files.ts) and Node can read them from disk (load-prompts-node.ts).
 */
import { ZipingError } from '../core/errors.js';
import { DEFAULT_MAX_CHARS as CORE_MAX_CHARS } from '../core/limits.js';
import type { CellKind, Outcome } from './types.js';
import { fail, parsePromptFile, VARIABLE } from './prompt-file.js';
import { isVariableName, type TemplateVars, type VariableName } from './variables.js';

export { parsePromptFile } from './prompt-file.js';

export type TemplateType = 'system' | 'draft' | 'revise' | 'repair';

export interface PromptSections {
  /** `## 模型任务` (for `system`: the whole body). */
  task: string;
  /** `## 内置起草提纲` (draft templates). */
  outline: string;
  /** `## 默认偏差原因` (deviation templates). */
  defaultCause: string;
  /** `## 默认改进措施` (deviation templates). */
  defaultMeasure: string;
}

export interface PromptTemplate {
  id: string;
  version: string;
  type: TemplateType;
  /** Draft templates: which cell. */
  cell?: CellKind;
  /** Draft templates: which outcome. */
  outcome?: Outcome;
  /** Draft templates: the cell's default character limit. */
  maxChars?: number;
  title: string;
  fileName: string;
  sections: PromptSections;
  /** Every variable the template uses. */
  variables: VariableName[];
}

export interface PromptFile {
  name: string;
  text: string;
}

export interface PromptSet {
  system: PromptTemplate;
  revise: PromptTemplate;
  repair: PromptTemplate;
  /** Every template, in file-name order. */
  templates: PromptTemplate[];
  /** The draft template for a cell and outcome, or the cell's `generic` one. */
  forCell(cell: CellKind, outcome: Outcome): PromptTemplate;
}

const CELLS: readonly CellKind[] = ['goals', 'deviation'];

/** Default character limits (see prompts/README.md for where they come from). */
export const DEFAULT_MAX_CHARS: Record<CellKind, number> = CORE_MAX_CHARS;

/** The templates by cell and outcome (draft) and by type (the others); a second one for either fails. */
function indexTemplates(templates: readonly PromptTemplate[]) {
  const byId = new Map<string, PromptTemplate>();
  const byCell = new Map<string, PromptTemplate>();
  const byType = new Map<TemplateType, PromptTemplate>();
  for (const t of templates) {
    const other = byId.get(t.id);
    if (other) fail(t.fileName, `id ${t.id} 与 ${other.fileName} 重复`);
    byId.set(t.id, t);
    if (t.type === 'draft') {
      const key = `${t.cell}/${t.outcome}`;
      const dup = byCell.get(key);
      if (dup) fail(t.fileName, `与 ${dup.fileName} 都是 cell: ${t.cell}、outcome: ${t.outcome} 的模板，只能保留一个`);
      byCell.set(key, t);
    } else {
      const dup = byType.get(t.type);
      if (dup) fail(t.fileName, `与 ${dup.fileName} 都是 type: ${t.type} 的模板，只能保留一个`);
      byType.set(t.type, t);
    }
  }
  return { byCell, byType };
}

/** Parses and checks a whole set of templates (the files of `prompts/`, README.md skipped). */
export function loadPrompts(files: readonly PromptFile[]): PromptSet {
  const templates = files
    .filter((f) => f.name.endsWith('.md') && !/(^|\/)README\.md$/i.test(f.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => parsePromptFile(f.name, f.text));
  const { byCell, byType } = indexTemplates(templates);
  const need = (type: TemplateType): PromptTemplate => {
    const t = byType.get(type);
    if (!t)
      throw new ZipingError('template_error', `提示词模板缺少 type: ${type} 的文件`, { details: { missing: type } });
    return t;
  };
  for (const cell of CELLS) {
    if (!byCell.has(`${cell}/generic`)) {
      throw new ZipingError('template_error', `提示词模板缺少 cell: ${cell}、outcome: generic 的文件`, {
        details: { missing: `${cell}/generic` },
      });
    }
  }
  return {
    system: need('system'),
    revise: need('revise'),
    repair: need('repair'),
    templates,
    forCell(cell, outcome) {
      return byCell.get(`${cell}/${outcome}`) ?? byCell.get(`${cell}/generic`)!;
    },
  };
}

/** Fills `{{name}}` with its value ('' when the variable has none for this cell). */
export function renderTemplate(text: string, vars: TemplateVars): string {
  return text.replace(VARIABLE, (_, raw: string) => {
    const name = raw.trim();
    return isVariableName(name) ? (vars[name] ?? '') : '';
  });
}
