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
import { OUTCOMES, type CellKind, type Outcome } from './types.js';
import { TEMPLATE_VARIABLES, isVariableName, type TemplateVars, type VariableName } from './variables.js';

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

const SECTION_KEYS: Record<string, keyof PromptSections> = {
  模型任务: 'task',
  内置起草提纲: 'outline',
  默认偏差原因: 'defaultCause',
  默认改进措施: 'defaultMeasure',
};

const FRONT_MATTER_KEYS = new Set(['id', 'version', 'type', 'cell', 'outcome', 'maxChars', 'title']);
const TYPES: readonly TemplateType[] = ['system', 'draft', 'revise', 'repair'];
const CELLS: readonly CellKind[] = ['goals', 'deviation'];

/** Default character limits (see prompts/README.md for where they come from). */
export const DEFAULT_MAX_CHARS: Record<CellKind, number> = CORE_MAX_CHARS;

function fail(fileName: string, message: string, details: Record<string, unknown> = {}): never {
  throw new ZipingError('template_error', `提示词模板 ${fileName}：${message}`, {
    details: { file: fileName, ...details },
  });
}

function unquote(value: string): string {
  const v = value.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}

const VARIABLE = /\{\{([^{}]*)\}\}/g;

/** Checks every `{{…}}` of one section and returns the names. */
function variablesOf(fileName: string, section: string, text: string, firstLine: number): VariableName[] {
  const names: VariableName[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const lineNo = firstLine + i;
    for (const match of line.matchAll(VARIABLE)) {
      const name = match[1]!.trim();
      if (!isVariableName(name)) {
        fail(fileName, `第${lineNo}行（${section}）使用了未知变量 {{${name}}}。可用变量见 prompts/README.md`, {
          variable: name,
          line: lineNo,
        });
      }
      names.push(name);
    }
    const stray = line.replace(VARIABLE, '');
    if (stray.includes('{{') || stray.includes('}}')) {
      fail(fileName, `第${lineNo}行（${section}）的花括号不成对：变量要写成 {{变量名}}`, { line: lineNo });
    }
  });
  return names;
}

/** Parses one template file; throws `template_error` naming the file on any problem. */
export function parsePromptFile(fileName: string, text: string): PromptTemplate {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n?/.exec(source);
  if (!fm) fail(fileName, '开头缺少由两行 --- 包围的设置块（id、version 等）');
  const meta: Record<string, string> = {};
  fm[1]!.split('\n').forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    const m = /^\s*([A-Za-z]+)\s*:(.*)$/.exec(line);
    if (!m) fail(fileName, `设置块第${i + 2}行应写成“名称: 值”：${line.trim()}`, { line: i + 2 });
    const key = m[1]!;
    if (!FRONT_MATTER_KEYS.has(key))
      fail(fileName, `设置块中有未知的设置项 ${key}（可用：${[...FRONT_MATTER_KEYS].join('、')}）`, { key });
    meta[key] = unquote(m[2]!.replace(/(?<!\s)\s+#.*$/, '').trim());
  });

  const id = meta.id;
  if (!id || !/^[a-z0-9][a-z0-9-]*$/.test(id)) fail(fileName, 'id 必填，只能用小写字母、数字和连字符');
  const version = meta.version;
  if (!version) fail(fileName, 'version 必填（改动模板后请把它加一）');
  const type = (meta.type ?? 'draft') as TemplateType;
  if (!TYPES.includes(type)) fail(fileName, `type 只能是 ${TYPES.join(' / ')}，而不是 ${meta.type}`);

  let cell: CellKind | undefined;
  let outcome: Outcome | undefined;
  let maxChars: number | undefined;
  if (type === 'draft') {
    if (!meta.cell || !CELLS.includes(meta.cell as CellKind)) fail(fileName, `cell 必填，只能是 goals 或 deviation`);
    cell = meta.cell as CellKind;
    if (!meta.outcome || !OUTCOMES.includes(meta.outcome as Outcome))
      fail(fileName, `outcome 必填，只能是 ${OUTCOMES.join(' / ')}`);
    outcome = meta.outcome as Outcome;
    if (cell === 'goals' && outcome !== 'generic')
      fail(fileName, '实际完成情况（cell: goals）只有一种模板，outcome 须为 generic');
    if (meta.maxChars !== undefined) {
      maxChars = Number(meta.maxChars);
      if (!Number.isInteger(maxChars) || maxChars < 10 || maxChars > 5000)
        fail(fileName, `maxChars 应为 10 到 5000 之间的整数，而不是 ${meta.maxChars}`);
    }
  } else if (meta.cell || meta.outcome || meta.maxChars) {
    fail(fileName, `type 为 ${type} 的模板不用写 cell、outcome 或 maxChars`);
  }

  // body: drop the front matter, editor comments and H1 titles; split into ## sections
  const bodyStartLine = source.slice(0, fm[0].length).split('\n').length;
  const body = source.slice(fm[0].length).replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ''));
  const sections: PromptSections = { task: '', outline: '', defaultCause: '', defaultMeasure: '' };
  const seen = new Set<keyof PromptSections>();
  const sectionLines = new Map<keyof PromptSections, number>();
  let current: keyof PromptSections | null = type === 'system' ? 'task' : null;
  if (current) sectionLines.set(current, bodyStartLine);
  const buffers = new Map<keyof PromptSections, string[]>();
  body.split('\n').forEach((line, i) => {
    const lineNo = bodyStartLine + i;
    if (/^#\s/.test(line)) return; // a title for people
    const heading = /^##\s+(\S.*)$/.exec(line.trimEnd());
    if (heading) {
      const key = SECTION_KEYS[heading[1]!];
      if (!key)
        fail(fileName, `第${lineNo}行：未知的小节“${heading[1]}”（可用：${Object.keys(SECTION_KEYS).join('、')}）`, {
          line: lineNo,
        });
      if (seen.has(key)) fail(fileName, `第${lineNo}行：小节“${heading[1]}”重复出现`, { line: lineNo });
      seen.add(key);
      current = key;
      sectionLines.set(key, lineNo + 1);
      return;
    }
    if (!current) {
      if (line.trim()) fail(fileName, `第${lineNo}行：正文要写在“## 模型任务”等小节之下`, { line: lineNo });
      return;
    }
    if (!buffers.has(current)) buffers.set(current, []);
    buffers.get(current)!.push(line);
  });
  for (const [key, lines] of buffers) sections[key] = lines.join('\n').trim();

  const required: (keyof PromptSections)[] =
    type === 'draft'
      ? cell === 'deviation'
        ? ['task', 'outline', 'defaultCause', 'defaultMeasure']
        : ['task', 'outline']
      : ['task'];
  const labelOf = (key: keyof PromptSections) => Object.entries(SECTION_KEYS).find(([, v]) => v === key)![0];
  for (const key of required) {
    if (!sections[key])
      fail(fileName, type === 'system' ? '系统提示不能为空' : `缺少小节“## ${labelOf(key)}”或其内容为空`);
  }
  for (const key of Object.keys(sections) as (keyof PromptSections)[]) {
    if (sections[key] && !required.includes(key))
      fail(fileName, `type 为 ${type}${cell ? `、cell 为 ${cell}` : ''} 的模板不用小节“## ${labelOf(key)}”`);
  }

  const variables = new Set<VariableName>();
  for (const key of required) {
    // find where the section's text starts, for line numbers in errors
    const raw = buffers.get(key) ?? [];
    const lead = raw.findIndex((l) => l.trim() !== '');
    const first = (sectionLines.get(key) ?? bodyStartLine) + Math.max(lead, 0);
    const label = type === 'system' ? '系统提示' : labelOf(key);
    for (const name of variablesOf(fileName, label, sections[key], first)) {
      const info = TEMPLATE_VARIABLES[name];
      if (cell && !info.cells.includes(cell)) {
        fail(
          fileName,
          `变量 {{${name}}}（${info.label}）只用于${info.cells.includes('goals') ? '实际完成情况' : '偏差原因分析及改进措施'}，不能用在 cell: ${cell} 的模板里`,
          { variable: name },
        );
      }
      if (!cell && info.cells.length < 2) {
        fail(fileName, `变量 {{${name}}}（${info.label}）只属于某一种单元格，不能用在 type: ${type} 的通用模板里`, {
          variable: name,
        });
      }
      if (key === 'task' && info.userText) {
        fail(
          fileName,
          `“${label}”使用了 {{${name}}}（${info.label}）：它含用户填写的文字，只能用在“内置起草提纲”或默认原因、措施里；模型会在资料块中看到它`,
          { variable: name },
        );
      }
      if (name === 'issues' && type !== 'repair')
        fail(fileName, '变量 {{issues}} 只能用在 repair 模板里', { variable: name });
      variables.add(name);
    }
  }

  return {
    id,
    version,
    type,
    cell,
    outcome,
    maxChars,
    title: meta.title ?? id,
    fileName,
    sections,
    variables: [...variables],
  };
}

/** Parses and checks a whole set of templates (the files of `prompts/`, README.md skipped). */
export function loadPrompts(files: readonly PromptFile[]): PromptSet {
  const templates = files
    .filter((f) => f.name.endsWith('.md') && !/(^|\/)README\.md$/i.test(f.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => parsePromptFile(f.name, f.text));
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
