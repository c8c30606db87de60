/**
 * The page of a form that is not stored yet (pending-form.ts): a blank form (新建空白表) or an imported one shown
 * with its import report beside it. It is scored live as it is edited; nothing is stored until
 * 保存, which creates the form and opens its editor.
 */
import { reportSummary, type ImportReport } from '../io/import/report.js';
import { createForm } from './api-client.js';
import { button } from './controls.js';
import { h } from './dom.js';
import { errorText } from './error-text.js';
import { FormEditor } from './form-editor.js';
import { FormModel } from './form-model.js';
import { pendingForm, setPending } from './pending-form.js';
import { toast } from './toast.js';

function entryList(title: string, items: string[], testId: string): HTMLElement | null {
  if (items.length === 0) return null;
  return h(
    'details',
    { attrs: { open: '', 'data-testid': testId } },
    h('summary', { text: `${title}（${items.length}）` }),
    h(
      'ul',
      {},
      items.map((text) => h('li', { text })),
    ),
  );
}

function inferredLine(e: ImportReport['inferred'][number]): string {
  return `${e.path} = ${String(e.value)}：${e.why}${e.by === 'model' ? '（模型）' : ''}`;
}

/** The import report beside the form: what was inferred, left out and not read. */
function reportPanel(report: ImportReport, source: string): HTMLElement {
  return h(
    'aside',
    { class: 'import-report notice', attrs: { 'data-testid': 'import-report', 'aria-label': '导入报告' } },
    h('h2', { text: '导入报告' }),
    h('p', { text: `来源：${source}，${reportSummary(report)}。` }),
    entryList(
      '未能读取',
      report.unread.map((u) => `${u.from} ${u.text}：${u.why}`),
      'import-unread',
    ),
    entryList('推断（请核对）', report.inferred.map(inferredLine), 'import-inferred'),
    entryList(
      '略过',
      report.skipped.map((s) => `${s.from} ${s.text}：${s.why}`),
      'import-skipped',
    ),
    entryList(
      '读取',
      report.read.map((e) => `${e.path} ← ${e.from}`),
      'import-read',
    ),
  );
}

/** An editor of a form not stored yet: drafting, chat and history wait until it is saved. */
function unsavedEditor(model: FormModel): FormEditor {
  const notYet = () => toast('请先保存，再起草或查看历史。');
  return new FormEditor(model, {
    narrativeActions: { draft: notYet, chat: notYet, history: notYet, undo: () => undefined },
    rowActions: {
      insertBelow: (index: number) => model.addRow(index + 1),
      remove: (index: number) => void model.removeRow(index),
      move: (index: number, delta: number) => void model.moveRow(index, delta),
    },
    savedOrigin: () => undefined,
  });
}

/** 保存 (stores the form and opens it in the editor, once at a time) and 放弃 (back to the list). */
function saveActions(model: FormModel, author: () => string | undefined): HTMLElement[] {
  let saving = false;
  const save = async () => {
    if (saving) return;
    saving = true;
    try {
      const view = await createForm({ form: model.form, author: author() });
      setPending(null);
      toast('已保存', { kind: 'success' });
      location.hash = `#/forms/${encodeURIComponent(view.id)}`;
    } catch (error) {
      toast(`保存失败：${errorText(error)}`, { kind: 'error' });
    } finally {
      saving = false;
    }
  };
  const discard = () => {
    setPending(null);
    location.hash = '#/';
  };
  return [
    h('span', { class: 'save-status', attrs: { role: 'status', 'data-testid': 'save-status' }, text: '尚未保存' }),
    button('保存', () => void save(), { class: 'primary' }),
    button('放弃', discard),
  ];
}

/** Shows the pending form, or returns to the list when there is none. */
export function showNewForm(
  root: HTMLElement,
  ctx: { actions: HTMLElement; author: () => string | undefined },
): { destroy(): void } | null {
  const pending = pendingForm();
  if (!pending) {
    location.hash = '#/';
    return null;
  }
  const { form, report, source } = pending;
  const model = new FormModel('new', 0, form);
  const editor = unsavedEditor(model);
  ctx.actions.replaceChildren(...saveActions(model, ctx.author));
  root.replaceChildren(...(report ? [reportPanel(report, source)] : []), editor.el);
  document.title = `${report ? '导入' : '新建'} - ${form.project.name}`;
  return { destroy: () => editor.destroy() };
}
