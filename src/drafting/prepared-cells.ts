/**
 * The model prompt of a cell, kept per scored form object (issue #9). A stored version never changes
 * (a save makes a new one) and the store hands out the same form and report objects for it, so
 * another draft of the same cell (the user asking again) needs the same facts, variables and
 * messages: they are made once, and what the checks compute from the facts is kept with them. Keyed
 * by the form object: a form sent with a request is a new object each time and never hits. At most
 * KEPT_CELLS are kept in all (a cell of a 2,000-row form holds numbers of every row).
 */
import type { Form } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import type { CellFacts } from './context.js';
import type { WireMessage } from './messages.js';
import type { PromptTemplate } from './prompts.js';
import type { DraftRequest } from './types.js';
import type { TemplateVars } from './variables.js';

/** A cell's prompt as the model drafter sends it, and the facts the checks of its answer read. */
export interface PreparedCell {
  facts: CellFacts;
  template: PromptTemplate;
  /** What the model is sent; null when the cell gets the built-in text instead. */
  model: { vars: TemplateVars; messages: WireMessage[] } | null;
}

/** Cells kept, the least recently drafted forgotten first (a cell asked with two limits is two). */
export const KEPT_CELLS = 64;

/** Prepared cells of recently drafted forms, by form object, cell, limit and ratio. */
export class PreparedCells {
  /** A number per form object, for the keys (weak: a form that is gone takes its number along). */
  readonly #formIds = new WeakMap<Form, number>();
  #nextId = 0;
  readonly #cells = new Map<string, { report: ScoreReport; cell: PreparedCell }>();

  /** The prepared cell of `req`: kept for its form and report, else made with `make` and kept. */
  get(req: DraftRequest, make: () => PreparedCell): PreparedCell {
    let formId = this.#formIds.get(req.form);
    if (formId === undefined) this.#formIds.set(req.form, (formId = this.#nextId++));
    const key = `${formId}\u0000${req.path}\u0000${req.maxChars ?? ''}\u0000${req.overAchievementRatio ?? ''}`;
    const kept = this.#cells.get(key);
    const cell = kept && kept.report === req.report ? kept.cell : make();
    this.#cells.delete(key);
    this.#cells.set(key, { report: req.report, cell });
    if (this.#cells.size > KEPT_CELLS) this.#cells.delete(this.#cells.keys().next().value!);
    return cell;
  }
}
