/**
 * The list of forms: search by name, filter by year and department, each with its total, grade
 * and open issues; open, create (from a JSON file, or the seed example), import (.xlsx or text) or
 * start a blank form — these two open unsaved until the user saves — and delete.
 */
import { type FormSummary, listForms } from './api-client.js';
import { button, labelledField } from './controls.js';
import { h, uniqueId } from './dom.js';
import { errorText } from './error-text.js';
import { type CreateContext, listActions } from './form-list-create.js';
import { formRow, LIST_COLUMNS } from './form-list-row.js';
import { formsWithUnsaved } from './local-draft-store.js';

export interface ListContext extends CreateContext {
  actions: HTMLElement;
}

const PAGE_SIZE = 50;
/** Typing in a filter reloads the list once the user pauses this long. */
const FILTER_PAUSE_MS = 200;

interface ListFilters {
  el: HTMLFormElement;
  query(): { q: string; year: string | undefined; department: string };
  /** Adds the departments of `items` to the suggestions. */
  remember(items: FormSummary[]): void;
}

/** The filter bar: a pause in typing runs `reload(false)`, submitting it `reload(true)` (no wait). */
function listFilters(reload: (now: boolean) => void): ListFilters {
  const ids = { q: uniqueId('q'), year: uniqueId('year'), dept: uniqueId('dept') };
  const search = h('input', { attrs: { id: ids.q, type: 'search', placeholder: '项目名称、主管部门或实施单位' } });
  const year = h('input', {
    class: 'year',
    attrs: { id: ids.year, type: 'text', inputmode: 'numeric', placeholder: '全部', maxlength: 4 },
  });
  const department = h('input', { attrs: { id: ids.dept, type: 'text', list: 'dl-departments', placeholder: '全部' } });
  const departments = h('datalist', { attrs: { id: 'dl-departments' } });
  const known = new Set<string>();
  for (const input of [search, year, department]) input.addEventListener('input', () => reload(false));
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    reload(true);
  };
  const el = h(
    'form',
    { class: 'filters', attrs: { role: 'search' }, on: { submit } },
    labelledField(ids.q, '搜索', search),
    labelledField(ids.year, '年度', year),
    labelledField(ids.dept, '主管部门', department, departments),
  );
  const remember = (items: FormSummary[]) => {
    for (const item of items) if (item.department) known.add(item.department);
    departments.replaceChildren(...[...known].sort().map((d) => h('option', { attrs: { value: d } })));
  };
  // A year filters only once it has its four digits
  const yearText = () => (/^\d{4}$/.test(year.value.trim()) ? year.value.trim() : undefined);
  const query = () => ({ q: search.value.trim(), year: yearText(), department: department.value.trim() });
  return { el, query, remember };
}

/** The table of forms around `tbody`. */
function listTable(tbody: HTMLTableSectionElement): HTMLElement {
  const head = h(
    'tr',
    {},
    LIST_COLUMNS.map((t) => h('th', { attrs: { scope: 'col' }, text: t })),
  );
  return h(
    'div',
    { class: 'table-scroll' },
    h('table', { class: 'form-list' }, h('caption', { class: 'vh', text: '自评表列表' }), h('thead', {}, head), tbody),
  );
}

/** The status line under the filters. */
function summaryText(count: number, hasMore: boolean): string {
  if (count === 0) return '没有符合条件的自评表。可以新建一张，或载入示例。';
  return `共显示 ${count} 张${hasMore ? '（还有更多）' : ''}`;
}

/** Loads pages of the list: a reset replaces the rows, “加载更多” appends the next page. */
class ListLoader {
  readonly tbody = h('tbody');
  readonly summary = h('p', { class: 'muted', attrs: { role: 'status' } });
  readonly more = button('加载更多', () => void this.load(false), { attrs: { hidden: true } });
  private cursor: string | null = null;
  private seq = 0;

  constructor(private readonly filters: () => ListFilters) {}

  /** Loads the first page again (`reset`) or the next one; an answer overtaken by a newer load is dropped. */
  async load(reset: boolean): Promise<void> {
    const seq = ++this.seq;
    if (reset) this.cursor = null;
    try {
      const query = { ...this.filters().query(), cursor: this.cursor ?? undefined, limit: PAGE_SIZE };
      const page = await listForms(query);
      if (seq === this.seq) this.show(page.items, page.nextCursor, reset);
    } catch (error) {
      this.summary.textContent = `读取列表失败：${errorText(error)}`;
    }
  }

  private show(items: FormSummary[], nextCursor: string | null, reset: boolean): void {
    const unsaved = formsWithUnsaved();
    const rows = items.map((item) => formRow(item, unsaved.has(item.id), () => void this.load(true)));
    if (reset) this.tbody.replaceChildren(...rows);
    else this.tbody.append(...rows);
    this.filters().remember(items);
    this.cursor = nextCursor;
    this.more.hidden = !nextCursor;
    this.summary.textContent = summaryText(this.tbody.children.length, Boolean(nextCursor));
  }
}

/** Renders the list page into `root`. */
export function showFormList(root: HTMLElement, ctx: ListContext): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reload = (now: boolean) => {
    if (now) return void loader.load(true);
    clearTimeout(timer);
    timer = setTimeout(() => void loader.load(true), FILTER_PAUSE_MS);
  };
  const filters = listFilters(reload);
  const loader = new ListLoader(() => filters);
  ctx.actions.replaceChildren(...listActions(ctx));
  root.replaceChildren(h('h1', { text: '自评表' }), filters.el, loader.summary, listTable(loader.tbody), loader.more);
  void loader.load(true);
}
