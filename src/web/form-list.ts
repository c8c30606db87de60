/**
 * The list of forms: search by name, filter by year and department, each with its total, grade
 * and open issues; open, create (from a JSON file, or the seed example), import (.xlsx or text) or
 * start a blank form — these two open unsaved until the user saves — and delete.
 */
import type { FormInput } from '../core/index.js';
import { ApiError, createForm, deleteForm, importForm, listForms, type FormSummary } from './api-client.js';
import { confirmDialog, openDialog } from './dialogs.js';
import { h, uniqueId } from './dom.js';
import { blankForm } from './blank-form.js';
import { REVIEW_STATUS_LABELS } from '../core/review/status.js';
import { fmtScore, fmtTime, pathLabel } from './format.js';
import { clearUnsaved, formsWithUnsaved, unsavedCopies } from './local-draft-store.js';
import { setPending, type PendingForm } from './pending-form.js';
import { toast } from './toast.js';

export interface ListContext {
  actions: HTMLElement;
  author(): string | undefined;
  open(id: string): void;
}

/** Shows a failed create (a form that fails the schema lists every field). */
function showCreateError(error: unknown): void {
  if (error instanceof ApiError && error.issues.length > 0) {
    void openDialog({
      title: '无法导入这张表',
      content: [
        h('p', { text: error.message }),
        h(
          'ul',
          {},
          error.issues
            .slice(0, 30)
            .map((i) => h('li', { text: `${i.path ? `${pathLabel(i.path)}（${i.path}）：` : ''}${i.message}` })),
        ),
      ],
      actions: [{ label: '知道了', value: undefined, primary: true }],
    }).result;
    return;
  }
  toast(`创建失败：${error instanceof ApiError ? error.message : String(error)}`, { kind: 'error' });
}

/** Renders the list page into `root`. */
export function showFormList(root: HTMLElement, ctx: ListContext): void {
  const searchId = uniqueId('q');
  const yearId = uniqueId('year');
  const deptId = uniqueId('dept');
  const search = h('input', { attrs: { id: searchId, type: 'search', placeholder: '项目名称、主管部门或实施单位' } });
  const year = h('input', {
    class: 'year',
    attrs: { id: yearId, type: 'text', inputmode: 'numeric', placeholder: '全部', maxlength: 4 },
  });
  const department = h('input', { attrs: { id: deptId, type: 'text', list: 'dl-departments', placeholder: '全部' } });
  const departments = h('datalist', { attrs: { id: 'dl-departments' } });
  const tbody = h('tbody');
  const more = h('button', { attrs: { type: 'button', hidden: true }, text: '加载更多' });
  const summary = h('p', { class: 'muted', attrs: { role: 'status' } });
  let cursor: string | null = null;
  let loadSeq = 0;
  const knownDepartments = new Set<string>();

  const row = (item: FormSummary, unsaved: boolean) => {
    const remove = h('button', {
      class: 'small danger',
      attrs: { type: 'button', 'aria-label': `删除“${item.projectName}”` },
      text: '删除',
    });
    remove.addEventListener('click', async () => {
      const ok = await confirmDialog(
        '删除自评表',
        `确定删除“${item.projectName}”（${item.year}年度）及其全部历史吗？此操作不能撤销。`,
        '删除',
        true,
      );
      if (!ok) return;
      try {
        await deleteForm(item.id, item.version);
        for (const copy of unsavedCopies(item.id)) clearUnsaved(item.id, copy.tab);
        toast(`已删除“${item.projectName}”`, { kind: 'success' });
        void load(true);
      } catch (error) {
        toast(
          error instanceof ApiError && error.code === 'version_conflict'
            ? '删除失败：这张表刚被别人修改过，请刷新后再试。'
            : `删除失败：${error instanceof ApiError ? error.message : String(error)}`,
          { kind: 'error' },
        );
      }
    });
    return h(
      'tr',
      { dataset: { id: item.id } },
      h(
        'td',
        {},
        h('a', { attrs: { href: `#/forms/${encodeURIComponent(item.id)}` }, text: item.projectName }),
        unsaved ? h('span', { class: 'badge', text: '有未保存的修改' }) : null,
      ),
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
  };

  const load = async (reset: boolean) => {
    const seq = ++loadSeq;
    if (reset) cursor = null;
    try {
      const page = await listForms({
        q: search.value.trim(),
        year: /^\d{4}$/.test(year.value.trim()) ? year.value.trim() : undefined,
        department: department.value.trim(),
        cursor: cursor ?? undefined,
        limit: 50,
      });
      if (seq !== loadSeq) return;
      const unsaved = formsWithUnsaved();
      const rows = page.items.map((item) => row(item, unsaved.has(item.id)));
      if (reset) tbody.replaceChildren(...rows);
      else tbody.append(...rows);
      for (const item of page.items) if (item.department) knownDepartments.add(item.department);
      departments.replaceChildren(...[...knownDepartments].sort().map((d) => h('option', { attrs: { value: d } })));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      const count = tbody.children.length;
      summary.textContent =
        count === 0
          ? '没有符合条件的自评表。可以新建一张，或载入示例。'
          : `共显示 ${count} 张${cursor ? '（还有更多）' : ''}`;
    } catch (error) {
      summary.textContent = `读取列表失败：${error instanceof ApiError ? error.message : String(error)}`;
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const reload = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(true), 200);
  };
  for (const input of [search, year, department]) input.addEventListener('input', reload);
  more.addEventListener('click', () => void load(false));

  const create = async (form: unknown) => {
    try {
      const view = await createForm({ form: form as FormInput, author: ctx.author() });
      toast('已创建', { kind: 'success' });
      ctx.open(view.id);
    } catch (error) {
      showCreateError(error);
    }
  };

  const fileId = uniqueId('file');
  const file = h('input', { class: 'vh', attrs: { id: fileId, type: 'file', accept: '.json,application/json' } });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (!chosen) return;
    let data: unknown;
    try {
      data = JSON.parse(await chosen.text());
    } catch (error) {
      toast(`“${chosen.name}”不是有效的 JSON：${(error as Error).message}`, { kind: 'error' });
      return;
    }
    // A file exported by this page is a bare form; an API body wraps it in { form }.
    const form = data && typeof data === 'object' && 'form' in data ? (data as { form: unknown }).form : data;
    await create(form);
  });

  const seed = async () => {
    try {
      const response = await fetch('/assets/seed-baai-2022.json');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await create(await response.json());
    } catch (error) {
      toast(`读取示例失败：${(error as Error).message}`, { kind: 'error' });
    }
  };

  // 新建空白表 and 导入 open the form unsaved: nothing is stored until the user saves it
  const review = (pendingForm: PendingForm) => {
    setPending(pendingForm);
    location.hash = '#/new';
  };
  const importFrom = async (source: File | string) => {
    try {
      const { form, report } = await importForm(source);
      review({ form, report, source: typeof source === 'string' ? '粘贴的文本' : source.name });
    } catch (error) {
      toast(`导入失败：${error instanceof ApiError ? error.message : String(error)}`, { kind: 'error' });
    }
  };
  const importId = uniqueId('import');
  const importFile = h('input', {
    class: 'vh',
    attrs: {
      id: importId,
      type: 'file',
      accept: '.xlsx,.txt,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'data-testid': 'import-file',
    },
  });
  importFile.addEventListener('change', () => {
    const chosen = importFile.files?.[0];
    importFile.value = '';
    if (chosen) void importFrom(chosen);
  });
  const pasteText = async () => {
    const area = h('textarea', {
      attrs: { rows: '16', 'aria-label': '粘贴自评表的文字', 'data-testid': 'import-text' },
    });
    const { result } = openDialog<string>({
      title: '粘贴文本导入',
      wide: true,
      content: h(
        'div',
        {},
        h('p', { text: '粘贴从 PDF、网页或表格复制的自评表文字（单元格之间可以是空格、Tab 或 |）。' }),
        area,
      ),
      actions: [
        { label: '导入', value: 'go', primary: true },
        { label: '取消', value: 'cancel' },
      ],
    });
    if ((await result) === 'go' && area.value.trim() !== '') await importFrom(area.value);
  };

  ctx.actions.replaceChildren(
    h('button', {
      class: 'primary',
      attrs: { type: 'button' },
      text: '新建空白表',
      on: { click: () => review({ form: blankForm(), report: null, source: '空白表' }) },
    }),
    h('label', { class: 'button', attrs: { for: importId }, text: '导入 .xlsx / 文本文件' }),
    importFile,
    h('button', { attrs: { type: 'button' }, text: '粘贴文本导入', on: { click: () => void pasteText() } }),
    h('label', { class: 'button', attrs: { for: fileId }, text: '从 JSON 文件导入' }),
    file,
    h('button', { attrs: { type: 'button' }, text: '载入示例（北京智源 2022）', on: { click: () => void seed() } }),
  );

  root.replaceChildren(
    h('h1', { text: '自评表' }),
    h(
      'form',
      {
        class: 'filters',
        attrs: { role: 'search' },
        on: {
          submit: (e) => {
            e.preventDefault();
            void load(true);
          },
        },
      },
      h('div', { class: 'field' }, h('label', { attrs: { for: searchId }, text: '搜索' }), search),
      h('div', { class: 'field' }, h('label', { attrs: { for: yearId }, text: '年度' }), year),
      h('div', { class: 'field' }, h('label', { attrs: { for: deptId }, text: '主管部门' }), department, departments),
    ),
    summary,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'form-list' },
        h('caption', { class: 'vh', text: '自评表列表' }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
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
            ].map((t) => h('th', { attrs: { scope: 'col' }, text: t })),
          ),
        ),
        tbody,
      ),
    ),
    more,
  );
  void load(true);
}
