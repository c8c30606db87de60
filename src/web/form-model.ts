/**
 * The form being edited: the working copy, the version it was read at, and what the page knows
 * about each narrative cell (who wrote the text, which numbers it was written against). Every
 * change rescores the whole form with the scoring core, in the page, with no round trip.
 */
import type { FormInput, NarrativePath } from '../core/index.js';
import type { NarrativeOrigin } from '../core/narratives/origin.js';
import { fundingSubRowOf } from '../core/narratives/paths.js';
import { narrativeSnapshot, sameSnapshot, type NarrativeSnapshot } from '../core/narratives/snapshot.js';
import { blankRow } from './blank-form.js';
import { evaluate, loadValidation, validationLoaded, type Evaluation } from './evaluation.js';
import { clone, getAt, setAt } from './form-paths.js';
import { NarrativeMetas, type CellMeta } from './narrative-metas.js';
import { UnreadableCells } from './unreadable-cells.js';

/** What the server says about the saved narrative cells. */
export type NarrativeStates = Record<string, { origin: NarrativeOrigin; stale: boolean; at?: string; by?: string }>;

/** What changed: a value typed, rows added/removed/moved, a whole form loaded, a narrative set, or the
 * schema check arrived (evaluation.ts) and the form was checked again. */
export type ChangeKind = 'value' | 'rows' | 'load' | 'narrative' | 'checked';
export interface Change {
  kind: ChangeKind;
  path?: string;
}

/** An indicator row taken out of the form, with its narrative meta (for undo). */
export interface RemovedRow {
  row: FormInput['indicators'][number];
  meta: CellMeta;
}

/** The editor's state of one form, with change notifications. */
export class FormModel {
  id: string;
  /** The version the working copy is based on (sent as If-Match). */
  version: number;
  /** The form as saved at `version`. */
  base: FormInput;
  form: FormInput;
  /** Number cells whose text is not a number: path → text typed. */
  readonly unreadable = new UnreadableCells();
  evaluation: Evaluation;
  private readonly metas: NarrativeMetas;
  private listeners = new Set<(change: Change) => void>();

  constructor(id: string, version: number, form: FormInput, narratives: NarrativeStates = {}) {
    this.id = id;
    this.version = version;
    this.base = clone(form);
    this.form = clone(form);
    this.metas = new NarrativeMetas(form.indicators.length);
    this.evaluation = evaluate(this.form);
    this.applyServerNarratives(narratives);
    if (!validationLoaded()) void loadValidation().then(() => this.changed({ kind: 'checked' }));
  }

  /** Listens to changes; returns a function that stops listening. */
  subscribe(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: Change): void {
    for (const listener of this.listeners) listener(change);
  }

  /** Recomputes the score report and tells listeners. */
  private changed(change: Change): void {
    this.rescore();
    this.emit(change);
  }

  private rescore(): void {
    this.evaluation = evaluate(this.form, this.unreadable);
  }

  /**
   * A saved text that is not stale was written against the numbers the form has now, so its
   * baseline is today's snapshot; a stale one has none.
   */
  private applyServerNarratives(narratives: NarrativeStates): void {
    const { form, report } = this.evaluation;
    for (const [path, state] of Object.entries(narratives)) {
      const meta = this.metaOf(path);
      if (!meta) continue;
      meta.baseline = state.stale ? null : narrativeSnapshot(form, report, path as NarrativePath);
    }
  }

  /** The meta of a narrative cell, or undefined for other paths. */
  metaOf(path: string): CellMeta | undefined {
    return this.metas.of(path);
  }

  /** The value at a path of the working copy. */
  get(path: string): unknown {
    return getAt(this.form, path);
  }

  private put(path: string, value: unknown): void {
    setAt(this.form as unknown as Record<string, unknown>, path, value);
  }

  /** Sets a field typed by the user. A narrative typed by hand becomes the user's text. */
  set(path: string, value: unknown, unreadableText?: string): void {
    this.put(path, value);
    if (unreadableText !== undefined) this.unreadable.set(path, unreadableText);
    else this.unreadable.delete(path);
    const meta = this.metaOf(path);
    if (meta) {
      meta.origin = { kind: 'human' };
      meta.baseline = undefined;
    }
    this.normalizeFunding(path);
    this.rescore();
    if (meta) this.markWrittenNow(path);
    this.emit({ kind: 'value', path });
  }

  /** Sets a narrative from a drafter, a revision or a restore, with its origin. */
  setNarrative(path: string, text: string, origin: NarrativeOrigin, writtenAgainst?: NarrativeSnapshot | null): void {
    this.put(path, text);
    const meta = this.metaOf(path);
    if (meta) {
      meta.origin = origin;
      meta.baseline = writtenAgainst === undefined ? undefined : writtenAgainst;
    }
    this.rescore();
    if (meta && writtenAgainst === undefined) this.markWrittenNow(path);
    this.emit({ kind: 'narrative', path });
  }

  /** Puts a cell back as it was (undo of a draft): text, origin and baseline. */
  restoreCell(path: string, text: string, meta: CellMeta): void {
    this.put(path, text);
    const current = this.metaOf(path);
    if (current) Object.assign(current, meta);
    this.changed({ kind: 'narrative', path });
  }

  /** A text set now is written against the numbers the form has now. */
  private markWrittenNow(path: string): void {
    const meta = this.metaOf(path);
    if (!meta) return;
    const text = String(this.get(path) ?? '');
    meta.baseline = text.trim()
      ? narrativeSnapshot(this.evaluation.form, this.evaluation.report, path as NarrativePath)
      : undefined;
  }

  /** The snapshot of the inputs of a narrative cell as they are now (sent along with a draft). */
  snapshotOf(path: string): NarrativeSnapshot | null {
    return narrativeSnapshot(this.evaluation.form, this.evaluation.report, path as NarrativePath);
  }

  /** True when the cell's text was written against other numbers than the form has now. */
  isStale(path: string): boolean {
    const meta = this.metaOf(path);
    if (!meta || meta.baseline === undefined) return false;
    if (!String(this.get(path) ?? '').trim()) return false;
    if (meta.baseline === null) return true;
    return !sameSnapshot(meta.baseline, this.snapshotOf(path));
  }

  /** An empty funding row is no row: `{initial:null,…}` becomes null, as in the seed. */
  private normalizeFunding(path: string): void {
    const sub = fundingSubRowOf(path);
    if (!sub) return;
    const row = getAt(this.form, `funding.${sub}`) as Record<string, unknown> | null;
    if (row && Object.values(row).every((v) => v === null || v === undefined)) {
      this.put(`funding.${sub}`, null);
    }
  }

  /** Inserts an empty row at `index`, copying the levels of the row above so groups stay together. */
  addRow(index = this.form.indicators.length): void {
    const above = this.form.indicators[index - 1];
    this.form.indicators.splice(index, 0, blankRow(above?.level1 ?? '产出指标', above?.level2 ?? '数量指标'));
    this.metas.insertRow(index);
    this.unreadable.shiftRows(index, 1);
    // The rows below moved down one place: their "written against" snapshots follow them
    this.metas.renumberBaselines();
    this.changed({ kind: 'rows' });
  }

  /** Removes row `index` and returns it (for undo). */
  removeRow(index: number): RemovedRow | undefined {
    const [row] = this.form.indicators.splice(index, 1);
    const meta = this.metas.removeRow(index);
    if (!row) return undefined;
    this.unreadable.dropRow(index);
    this.unreadable.shiftRows(index + 1, -1);
    this.metas.renumberBaselines();
    this.changed({ kind: 'rows' });
    return { row, meta };
  }

  /** Puts a removed row back. */
  restoreRow(index: number, removed: RemovedRow): void {
    this.form.indicators.splice(index, 0, removed.row);
    this.metas.insertRow(index, removed.meta);
    this.unreadable.shiftRows(index, 1);
    this.metas.renumberBaselines();
    this.changed({ kind: 'rows' });
  }

  /** Moves row `index` by `delta` places (−1 up, +1 down). */
  moveRow(index: number, delta: number): boolean {
    const to = index + delta;
    if (to < 0 || to >= this.form.indicators.length || delta === 0) return false;
    const rows = this.form.indicators;
    [rows[index], rows[to]] = [rows[to]!, rows[index]!];
    this.metas.swapRows(index, to);
    this.unreadable.swapRows(index, to);
    this.metas.renumberBaselines();
    this.changed({ kind: 'rows' });
    return true;
  }

  /** Replaces the working copy (a restored version, a merge, a reload); cell metas are kept where rows line up. */
  replaceForm(form: FormInput, options: { keepMeta?: boolean } = {}): void {
    this.form = clone(form);
    this.unreadable.clear();
    if (!options.keepMeta || this.metas.rows.length !== form.indicators.length) {
      this.metas.reset(form.indicators.length);
    }
    this.changed({ kind: 'load' });
  }

  /** After a save: the saved form is the new base. */
  markSaved(version: number, saved: FormInput, narratives: NarrativeStates = {}): void {
    this.version = version;
    this.base = clone(saved);
    this.metas.clearOrigins();
    this.rescore();
    this.applyServerNarratives(narratives);
    this.emit({ kind: 'load' });
  }

  /** True when the working copy differs from the saved one. */
  isDirty(): boolean {
    return this.unreadable.size > 0 || JSON.stringify(this.form) !== JSON.stringify(this.base);
  }

  /** Origins of the narrative texts set in this session, for the save body. */
  origins(): Record<string, NarrativeOrigin> {
    return this.metas.origins();
  }

  /** Restores origins saved with an unsaved copy (local draft store). */
  restoreOrigins(origins: Record<string, NarrativeOrigin>): void {
    for (const [path, origin] of Object.entries(origins)) {
      const meta = this.metaOf(path);
      if (meta) meta.origin = origin;
    }
  }
}
