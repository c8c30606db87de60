/**
 * The page of a form that is not stored yet (pending-form.ts): a blank form (新建空白表) or an imported one shown
 * with its import report beside it. It is scored live as it is edited; nothing is stored until
 * 保存, which creates the form and opens its editor.
 */
import { reportSummary, type ImportReport } from '../io/import/report.js';
import { ApiError, createForm } from './api-client.js';
import { h } from './dom.js';
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
  const notYet = () => toast('请先保存，再起草或查看历史。');
  const editor = new FormEditor(model, {
    narrativeActions: { draft: notYet, chat: notYet, history: notYet, undo: () => undefined },
    rowActions: {
      insertBelow: (index: number) => model.addRow(index + 1),
      remove: (index: number) => void model.removeRow(index),
      move: (index: number, delta: number) => void model.moveRow(index, delta),
    },
    savedOrigin: () => undefined,
  });
  let saving = false;
  const save = async () => {
    if (saving) return;
    saving = true;
    try {
      const view = await createForm({ form: model.form, author: ctx.author() });
      setPending(null);
      toast('已保存', { kind: 'success' });
      location.hash = `#/forms/${encodeURIComponent(view.id)}`;
    } catch (error) {
      toast(`保存失败：${error instanceof ApiError ? error.message : String(error)}`, { kind: 'error' });
    } finally {
      saving = false;
    }
  };
  const discard = () => {
    setPending(null);
    location.hash = '#/';
  };
  ctx.actions.replaceChildren(
    h('span', { class: 'save-status', attrs: { role: 'status', 'data-testid': 'save-status' }, text: '尚未保存' }),
    h('button', { class: 'primary', attrs: { type: 'button' }, text: '保存', on: { click: () => void save() } }),
    h('button', { attrs: { type: 'button' }, text: '放弃', on: { click: discard } }),
  );
  root.replaceChildren(...(report ? [reportPanel(report, source)] : []), editor.el);
  document.title = `${report ? '导入' : '新建'} - ${form.project.name}`;
  return { destroy: () => editor.destroy() };
}
