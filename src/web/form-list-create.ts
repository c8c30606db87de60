/**
 * The list page's ways to start a form: a blank form and an import (.xlsx, text file or pasted
 * text) open unsaved until the user saves them; a JSON file and the seed example are stored at once.
 */
import type { FormInput } from '../core/index.js';
import { ApiError, createForm } from './api-client.js';
import { importForm } from './api-import.js';
import { blankForm } from './blank-form.js';
import { button, filePicker } from './controls.js';
import { openDialog } from './dialogs.js';
import { h } from './dom.js';
import { errorText } from './error-text.js';
import { pathLabel } from './format.js';
import { type PendingForm, setPending } from './pending-form.js';
import { toast } from './toast.js';

/** What creating a form needs from the page: the author to record, and how to open the stored form. */
export interface CreateContext {
  author(): string | undefined;
  open(id: string): void;
}

const IMPORT_ACCEPT = '.xlsx,.txt,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SEED_URL = '/assets/seed-baai-2022.json';

/** Shows a failed create (a form that fails the schema lists every field). */
function showCreateError(error: unknown): void {
  if (!(error instanceof ApiError) || error.issues.length === 0) {
    toast(`创建失败：${errorText(error)}`, { kind: 'error' });
    return;
  }
  const issue = (i: ApiError['issues'][number]) =>
    h('li', { text: `${i.path ? `${pathLabel(i.path)}（${i.path}）：` : ''}${i.message}` });
  void openDialog({
    title: '无法导入这张表',
    content: [h('p', { text: error.message }), h('ul', {}, error.issues.slice(0, 30).map(issue))],
    actions: [{ label: '知道了', value: undefined, primary: true }],
  }).result;
}

/** Stores `form` and opens it. */
async function create(ctx: CreateContext, form: unknown): Promise<void> {
  try {
    const view = await createForm({ form: form as FormInput, author: ctx.author() });
    toast('已创建', { kind: 'success' });
    ctx.open(view.id);
  } catch (error) {
    showCreateError(error);
  }
}

/** Stores the form of a JSON file: a file exported by this page is a bare form, an API body wraps it in { form }. */
async function createFromJsonFile(ctx: CreateContext, file: File): Promise<void> {
  let data: unknown;
  try {
    data = JSON.parse(await file.text());
  } catch (error) {
    toast(`“${file.name}”不是有效的 JSON：${(error as Error).message}`, { kind: 'error' });
    return;
  }
  await create(ctx, data && typeof data === 'object' && 'form' in data ? (data as { form: unknown }).form : data);
}

/** Stores the seed example (北京智源 2022). */
async function createSeed(ctx: CreateContext): Promise<void> {
  try {
    const response = await fetch(SEED_URL);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await create(ctx, await response.json());
  } catch (error) {
    toast(`读取示例失败：${(error as Error).message}`, { kind: 'error' });
  }
}

/** Opens a form unsaved on the new-form page: nothing is stored until the user saves it. */
function openUnsaved(pending: PendingForm): void {
  setPending(pending);
  location.hash = '#/new';
}

/** Imports a file or pasted text and opens the result unsaved, with its import report. */
async function importFrom(source: File | string): Promise<void> {
  try {
    const { form, report } = await importForm(source);
    openUnsaved({ form, report, source: typeof source === 'string' ? '粘贴的文本' : source.name });
  } catch (error) {
    toast(`导入失败：${errorText(error)}`, { kind: 'error' });
  }
}

/** Asks for pasted text in a dialog and imports it. */
async function importPastedText(): Promise<void> {
  const area = h('textarea', {
    attrs: { rows: '16', 'aria-label': '粘贴自评表的文字', 'data-testid': 'import-text' },
  });
  const hint = '粘贴从 PDF、网页或表格复制的自评表文字（单元格之间可以是空格、Tab 或 |）。';
  const { result } = openDialog<string>({
    title: '粘贴文本导入',
    wide: true,
    content: h('div', {}, h('p', { text: hint }), area),
    actions: [
      { label: '导入', value: 'go', primary: true },
      { label: '取消', value: 'cancel' },
    ],
  });
  if ((await result) === 'go' && area.value.trim() !== '') await importFrom(area.value);
}

/** The buttons of the list page's action bar. */
export function listActions(ctx: CreateContext): HTMLElement[] {
  return [
    button('新建空白表', () => openUnsaved({ form: blankForm(), report: null, source: '空白表' }), {
      class: 'primary',
    }),
    ...filePicker('导入 .xlsx / 文本文件', IMPORT_ACCEPT, (file) => void importFrom(file), {
      'data-testid': 'import-file',
    }),
    button('粘贴文本导入', () => void importPastedText()),
    ...filePicker('从 JSON 文件导入', '.json,application/json', (file) => void createFromJsonFile(ctx, file)),
    button('载入示例（北京智源 2022）', () => void createSeed(ctx)),
  ];
}
