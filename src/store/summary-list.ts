/**
 * The form list kept in list order (updatedAt descending, then id), so a page is found by binary
 * search and read up to its last row instead of filtering and sorting every summary per request.
 */
import { compareRows, pageOfSorted } from './list-forms.js';
import type { FormSummary } from './records.js';
import type { FormPage, ListQuery } from './repository.js';

export class SummaryList {
  readonly #byId = new Map<string, FormSummary>();
  #sorted: FormSummary[] = [];

  /** A list of `rows` (any order). */
  constructor(rows: Iterable<FormSummary> = []) {
    for (const row of rows) this.#byId.set(row.id, row);
    this.#sorted = [...this.#byId.values()].sort(compareRows);
  }

  get size(): number {
    return this.#byId.size;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  get(id: string): FormSummary | undefined {
    return this.#byId.get(id);
  }

  values(): IterableIterator<FormSummary> {
    return this.#byId.values();
  }

  /** The index in the sorted rows where `row` is or would be. */
  #position(row: FormSummary): number {
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRows(this.#sorted[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds or replaces the row of `row.id`. */
  set(row: FormSummary): void {
    this.delete(row.id);
    this.#byId.set(row.id, row);
    this.#sorted.splice(this.#position(row), 0, row);
  }

  /** Removes the row of `id`, if any. */
  delete(id: string): void {
    const old = this.#byId.get(id);
    if (!old) return;
    this.#byId.delete(id);
    const at = this.#position(old);
    if (this.#sorted[at]?.id === id) this.#sorted.splice(at, 1);
    else this.#sorted = this.#sorted.filter((r) => r.id !== id);
  }

  /** One page for `query`. */
  page(query: ListQuery = {}): FormPage {
    return pageOfSorted(this.#sorted, query);
  }
}
