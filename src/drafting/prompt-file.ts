/**
 * One prompt template file (the format is described in prompts.ts): its settings block, its
 * `##` sections and the variables they use, each checked with a message naming the file and line
 * (ZipingError `template_error`). Pure.
 */
import { ZipingError } from '../core/errors.js';
import type { PromptSections, PromptTemplate, TemplateType } from './prompts.js';
import { OUTCOMES, type CellKind, type Outcome } from './types.js';
import { TEMPLATE_VARIABLES, isVariableName, type VariableName } from './variables.js';

type SectionKey = keyof PromptSections;

const SECTION_KEYS: Record<string, SectionKey> = {
  模型任务: 'task',
  内置起草提纲: 'outline',
  默认偏差原因: 'defaultCause',
  默认改进措施: 'defaultMeasure',
};

const FRONT_MATTER_KEYS = new Set(['id', 'version', 'type', 'cell', 'outcome', 'maxChars', 'title']);
const TYPES: readonly TemplateType[] = ['system', 'draft', 'revise', 'repair'];
const CELLS: readonly CellKind[] = ['goals', 'deviation'];

/** A `{{name}}` in a template. */
export const VARIABLE = /\{\{([^{}]*)\}\}/g;

/** Throws the template_error of `fileName`. */
export function fail(fileName: string, message: string, details: Record<string, unknown> = {}): never {
  throw new ZipingError('template_error', `提示词模板 ${fileName}：${message}`, {
    details: { file: fileName, ...details },
  });
}

function unquote(value: string): string {
  const v = value.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}

const labelOf = (key: SectionKey) => Object.entries(SECTION_KEYS).find(([, v]) => v === key)![0];

/** The settings block between two `---` lines: its values and where the body starts. */
function readFrontMatter(fileName: string, source: string): { meta: Record<string, string>; length: number } {
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
  return { meta, length: fm[0].length };
}

type Header = Pick<PromptTemplate, 'id' | 'version' | 'type' | 'cell' | 'outcome' | 'maxChars'>;

/** A draft template's cell, outcome and limit. */
function draftTarget(fileName: string, meta: Record<string, string>): Pick<Header, 'cell' | 'outcome' | 'maxChars'> {
  if (!meta.cell || !CELLS.includes(meta.cell as CellKind)) fail(fileName, `cell 必填，只能是 goals 或 deviation`);
  const cell = meta.cell as CellKind;
  if (!meta.outcome || !OUTCOMES.includes(meta.outcome as Outcome))
    fail(fileName, `outcome 必填，只能是 ${OUTCOMES.join(' / ')}`);
  const outcome = meta.outcome as Outcome;
  if (cell === 'goals' && outcome !== 'generic')
    fail(fileName, '实际完成情况（cell: goals）只有一种模板，outcome 须为 generic');
  if (meta.maxChars === undefined) return { cell, outcome, maxChars: undefined };
  const maxChars = Number(meta.maxChars);
  if (!Number.isInteger(maxChars) || maxChars < 10 || maxChars > 5000)
    fail(fileName, `maxChars 应为 10 到 5000 之间的整数，而不是 ${meta.maxChars}`);
  return { cell, outcome, maxChars };
}

/** The id, version and type of the settings block, and for a draft template its target. */
function readHeader(fileName: string, meta: Record<string, string>): Header {
  const id = meta.id;
  if (!id || !/^[a-z0-9][a-z0-9-]*$/.test(id)) fail(fileName, 'id 必填，只能用小写字母、数字和连字符');
  const version = meta.version;
  if (!version) fail(fileName, 'version 必填（改动模板后请把它加一）');
  const type = (meta.type ?? 'draft') as TemplateType;
  if (!TYPES.includes(type)) fail(fileName, `type 只能是 ${TYPES.join(' / ')}，而不是 ${meta.type}`);
  if (type === 'draft') return { id, version, type, ...draftTarget(fileName, meta) };
  if (meta.cell || meta.outcome || meta.maxChars)
    fail(fileName, `type 为 ${type} 的模板不用写 cell、outcome 或 maxChars`);
  return { id, version, type, cell: undefined, outcome: undefined, maxChars: undefined };
}

/** The body's sections: their lines, and the line each starts at (for messages). */
interface Body {
  buffers: Map<SectionKey, string[]>;
  starts: Map<SectionKey, number>;
}

/** Splits the body into `##` sections; a system template's whole body is its task. */
function readSections(fileName: string, body: string, type: TemplateType, firstLine: number): Body {
  const seen = new Set<SectionKey>();
  const starts = new Map<SectionKey, number>();
  const buffers = new Map<SectionKey, string[]>();
  let current: SectionKey | null = type === 'system' ? 'task' : null;
  if (current) starts.set(current, firstLine);
  body.split('\n').forEach((line, i) => {
    const lineNo = firstLine + i;
    if (/^#\s/.test(line)) return; // a title for people
    const heading = /^##\s+(\S.*)$/.exec(line.trimEnd());
    if (heading) {
      const key = SECTION_KEYS[heading[1]!];
      if (!key) {
        const known = Object.keys(SECTION_KEYS).join('、');
        fail(fileName, `第${lineNo}行：未知的小节“${heading[1]}”（可用：${known}）`, { line: lineNo });
      }
      if (seen.has(key)) fail(fileName, `第${lineNo}行：小节“${heading[1]}”重复出现`, { line: lineNo });
      seen.add(key);
      current = key;
      starts.set(key, lineNo + 1);
      return;
    }
    if (!current) {
      if (line.trim()) fail(fileName, `第${lineNo}行：正文要写在“## 模型任务”等小节之下`, { line: lineNo });
      return;
    }
    if (!buffers.has(current)) buffers.set(current, []);
    buffers.get(current)!.push(line);
  });
  return { buffers, starts };
}

/** The sections a template of this type and cell must have, and no others. */
function checkSectionSet(fileName: string, header: Header, sections: PromptSections): SectionKey[] {
  const { type, cell } = header;
  const required: SectionKey[] =
    type !== 'draft'
      ? ['task']
      : cell === 'deviation'
        ? ['task', 'outline', 'defaultCause', 'defaultMeasure']
        : ['task', 'outline'];
  for (const key of required) {
    if (!sections[key])
      fail(fileName, type === 'system' ? '系统提示不能为空' : `缺少小节“## ${labelOf(key)}”或其内容为空`);
  }
  for (const key of Object.keys(sections) as SectionKey[]) {
    if (sections[key] && !required.includes(key))
      fail(fileName, `type 为 ${type}${cell ? `、cell 为 ${cell}` : ''} 的模板不用小节“## ${labelOf(key)}”`);
  }
  return required;
}

/** Checks every `{{…}}` of one section and returns the names. */
function variablesOf(fileName: string, section: string, text: string, firstLine: number): VariableName[] {
  const names: VariableName[] = [];
  text.split('\n').forEach((line, i) => {
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

/** A variable may be used where its cell, its user text and its template type allow. */
function checkVariable(fileName: string, name: VariableName, header: Header, key: SectionKey, label: string): void {
  const { type, cell } = header;
  const info = TEMPLATE_VARIABLES[name];
  if (cell && !info.cells.includes(cell)) {
    const belongs = info.cells.includes('goals') ? '实际完成情况' : '偏差原因分析及改进措施';
    fail(fileName, `变量 {{${name}}}（${info.label}）只用于${belongs}，不能用在 cell: ${cell} 的模板里`, {
      variable: name,
    });
  }
  if (!cell && info.cells.length < 2) {
    fail(fileName, `变量 {{${name}}}（${info.label}）只属于某一种单元格，不能用在 type: ${type} 的通用模板里`, {
      variable: name,
    });
  }
  // user text reaches the model only inside the data block, never in its instructions
  if (key === 'task' && info.userText) {
    fail(
      fileName,
      `“${label}”使用了 {{${name}}}（${info.label}）：它含用户填写的文字，只能用在“内置起草提纲”或默认原因、措施里；模型会在资料块中看到它`,
      { variable: name },
    );
  }
  if (name === 'issues' && type !== 'repair')
    fail(fileName, '变量 {{issues}} 只能用在 repair 模板里', { variable: name });
}

/** Every variable the required sections use, each checked. */
function checkedVariables(
  fileName: string,
  header: Header,
  required: SectionKey[],
  sections: PromptSections,
  body: Body & { firstLine: number },
): VariableName[] {
  const variables = new Set<VariableName>();
  for (const key of required) {
    // where the section's text starts, for line numbers in errors
    const lead = (body.buffers.get(key) ?? []).findIndex((l) => l.trim() !== '');
    const first = (body.starts.get(key) ?? body.firstLine) + Math.max(lead, 0);
    const label = header.type === 'system' ? '系统提示' : labelOf(key);
    for (const name of variablesOf(fileName, label, sections[key], first)) {
      checkVariable(fileName, name, header, key, label);
      variables.add(name);
    }
  }
  return [...variables];
}

/** Parses one template file; throws `template_error` naming the file on any problem. */
export function parsePromptFile(fileName: string, text: string): PromptTemplate {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { meta, length } = readFrontMatter(fileName, source);
  const header = readHeader(fileName, meta);
  // body: drop the front matter, editor comments and H1 titles; split into ## sections
  const firstLine = source.slice(0, length).split('\n').length;
  const body = source.slice(length).replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ''));
  const parts = readSections(fileName, body, header.type, firstLine);
  const sections: PromptSections = { task: '', outline: '', defaultCause: '', defaultMeasure: '' };
  for (const [key, lines] of parts.buffers) sections[key] = lines.join('\n').trim();
  const required = checkSectionSet(fileName, header, sections);
  const variables = checkedVariables(fileName, header, required, sections, { ...parts, firstLine });
  return { ...header, title: meta.title ?? header.id, fileName, sections, variables };
}
