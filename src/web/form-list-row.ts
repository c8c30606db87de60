/** One row of the list of forms: its name (a link), figures and review status, and a delete button. */
import { REVIEW_STATUS_LABELS } from '../core/review/status.js';
import { ApiError, deleteForm, type FormSummary } from './api-client.js';
import { button } from './controls.js';
import { confirmDialog } from './dialogs.js';
import { h } from './dom.js';
import { errorText } from './error-text.js';
import { fmtScore, fmtTime } from './format.js';
import { clearUnsaved, unsavedCopies } from './local-draft-store.js';
import { toast } from './toast.js';

/** The list's column headers, in the order `formRow` fills them. */
export const LIST_COLUMNS = [
  '项目名称',
  '年度',
  '主管部门',
  '核定总分',
  '自评总分',
  '等级',
  '审核状态',
  '问题',
  '更新时间',
  '操作',
] as const;

/** Asks, then deletes the form with its history and this browser's unsaved copies; true when deleted. */
async function confirmAndDelete(item: FormSummary): Promise<boolean> {
  const question = `确定删除“${item.projectName}”（${item.year}年度）及其全部历史吗？此操作不能撤销。`;
  if (!(await confirmDialog('删除自评表', question, '删除', true))) return false;
  try {
    await deleteForm(item.id, item.version);
    for (const copy of unsavedCopies(item.id)) clearUnsaved(item.id, copy.tab);
    toast(`已删除“${item.projectName}”`, { kind: 'success' });
    return true;
  } catch (error) {
    const conflict = error instanceof ApiError && error.code === 'version_conflict';
    toast(conflict ? '删除失败：这张表刚被别人修改过，请刷新后再试。' : `删除失败：${errorText(error)}`, {
      kind: 'error',
    });
    return false;
  }
}

/** The name cell: a link to the editor, with a badge when this browser holds unsaved changes. */
function nameCell(item: FormSummary, unsaved: boolean): HTMLTableCellElement {
  return h(
    'td',
    {},
    h('a', { attrs: { href: `#/forms/${encodeURIComponent(item.id)}` }, text: item.projectName }),
    unsaved ? h('span', { class: 'badge', text: '有未保存的修改' }) : null,
  );
}

/** A row of the list; `onDeleted` runs after the form was deleted (the list reloads). */
export function formRow(item: FormSummary, unsaved: boolean, onDeleted: () => void): HTMLTableRowElement {
  const remove = button('删除', () => void confirmAndDelete(item).then((done) => done && onDeleted()), {
    class: 'small danger',
    attrs: { 'aria-label': `删除“${item.projectName}”` },
  });
  return h(
    'tr',
    { dataset: { id: item.id } },
    nameCell(item, unsaved),
    h('td', { text: String(item.year) }),
    h('td', { text: item.department ?? '' }),
    h('td', { class: 'num', text: fmtScore(item.total) }),
    h('td', { class: 'num', text: item.selfTotal === null ? '—' : fmtScore(item.selfTotal) }),
    h('td', { text: item.grade }),
    h('td', { class: `review-status status-${item.reviewStatus}`, text: REVIEW_STATUS_LABELS[item.reviewStatus] }),
    h('td', { class: 'num', text: String(item.openIssues) }),
    h('td', { text: fmtTime(item.updatedAt) }),
    h('td', {}, remove),
  );
}
