/**
 * The form the `#/new` page shows before it is stored (新建空白表, or an imported form with its
 * report), kept in memory only: a reload returns to the list. Apart from the page itself, which
 * loads on demand.
 */
import type { FormInput } from '../core/index.js';
import type { ImportReport } from '../io/import/report.js';

export interface PendingForm {
  form: FormInput;
  report: ImportReport | null;
  /** What the form came from, for the heading: a file name, 粘贴的文本, or 空白表. */
  source: string;
}

let pending: PendingForm | null = null;

/** Holds a form for the `#/new` page. */
export function setPending(form: PendingForm | null): void {
  pending = form;
}

/** The form held for the `#/new` page, if any. */
export function pendingForm(): PendingForm | null {
  return pending;
}
