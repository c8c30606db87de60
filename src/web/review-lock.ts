/**
 * A submitted or accepted form is read-only on the page too (issue #12): every control of the
 * editor is disabled except the review's own. The server refuses such edits anyway (423
 * `form_locked`); this keeps the page from offering them.
 */

const CONTROLS = 'input, textarea, select, button';
/** Controls that stay usable on a locked form: the review's own. */
const REVIEW_PARTS = '.review, .review-col';

/** Disables (or enables again) the editor's own controls under `root`. */
export function lockEditor(root: HTMLElement, locked: boolean): void {
  root.classList.toggle('locked', locked);
  for (const control of root.querySelectorAll<HTMLInputElement>(CONTROLS)) {
    if (control.closest(REVIEW_PARTS)) continue;
    if (locked && !control.disabled) {
      control.disabled = true;
      control.dataset.lockedByReview = '1';
    } else if (!locked && control.dataset.lockedByReview) {
      control.disabled = false;
      delete control.dataset.lockedByReview;
    }
  }
}
