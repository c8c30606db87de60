/**
 * The form being edited: the working copy, the version it was read at, and what the page knows
 * about each narrative cell (who wrote the text, which numbers it was written against). Every
 * change rescores the whole form with the scoring core, in the page, with no round trip.
 */
import {
  DEFAULT_PROFILE_ID,
  FormSchema,
  ZipingError,
  fieldIssuesOf,
  scoreForm,
  type FieldIssue,
  type Form,
  type FormInput,
  type NarrativePath,
  type ScoreReport,
} from '../core/index.js';
import {
  narrativeSnapshot,
  sameSnapshot,
  type NarrativeOrigin,
  type NarrativeSnapshot,
} from '../core/narratives/index.js';
import { clone, getAt, setAt } from './form-paths.js';
import { pathLabel } from './format.js';
import { isNarrativePath, narrativeRowIndex } from '../core/narratives/paths.js';

/** What the page knows about one narrative cell. */
export interface CellMeta {
  /** Origin of a text set in this session (draft, accepted revision, restore); null = unchanged. */
  origin: NarrativeOrigin | null;
  /**
   * The inputs the text was written against: undefined = nothing to compare (empty cell),
   * null = already stale when loaded.
   */
  baseline: NarrativeSnapshot | null | undefined;
}

/** The result of scoring the working copy. */
export interface Evaluation {
  form: Form;
  report: ScoreReport;
  /** Schema problems and numbers that could not be read, with the field's path. */
  validation: FieldIssue[];
}

/** What the server says about the saved narrative cells. */
export type NarrativeStates = Record<string, { origin: NarrativeOrigin; stale: boolean; at?: string; by?: string }>;

export type ChangeKind = 'value' | 'rows' | 'load' | 'narrative';
export interface Change {
  kind: ChangeKind;
  path?: string;
}

const blankMeta = (): CellMeta => ({ origin: null, baseline: undefined });

/** A new empty form: one project, this year, one empty indicator row. */
export function blankForm(year = new Date().getFullYear()): FormInput {
  return {
    formType: 'project',
    year,
    profile: DEFAULT_PROFILE_ID,
    project: { name: '新建项目', department: '', implementer: '', manager: '', phone: '' },
    funding: {
      unit: '万元',
      weight: 10,
      total: { initial: null, annual: null, executed: null, score: null },
      appropriation: null,
      carryover: null,
      other: null,
    },
    goals: { expected: '', actual: '' },
    indicators: [blankRow()],
    selfTotal: null,
  };
}

/** An empty indicator row. */
export function blankRow(level1 = '产出指标', level2 = '数量指标'): FormInput['indicators'][number] {
  return { level1, level2, name: '', target: '', actual: '', weight: null, score: null, grade: null, deviation: '' };
}

/** Scores a working copy; never throws (an unknown profile falls back to the default and is reported). */
export function evaluate(input: FormInput, unreadable: ReadonlyMap<string, string> = new Map()): Evaluation {
  const parsed = FormSchema.safeParse(input);
  const validation: FieldIssue[] = parsed.success ? [] : fieldIssuesOf(parsed.error);
  // The editor only ever produces the right types, so a form that fails the schema (an empty name,
  // a negative weight) can still be scored as it stands; the failures are listed as errors.
  const form = parsed.success ? parsed.data : (withDefaults(input) as Form);
  let report: ScoreReport;
  try {
    report = scoreForm(form);
  } catch (error) {
    if (!(error instanceof ZipingError)) throw error;
    validation.push(...(error.issues ?? [{ path: 'profile', code: error.code, message: error.message }]));
    report = scoreForm(form, { profile: DEFAULT_PROFILE_ID });
  }
  for (const [path, text] of unreadable) {
    validation.push({ path, code: 'not_a_number', message: `${pathLabel(path)}应为数字，“${text}”无法识别` });
  }
  return { form, report, validation };
}

function withDefaults(input: FormInput): FormInput {
  const form = { ...input, formType: input.formType ?? 'project' };
  if (form.funding) form.funding = { ...form.funding, unit: form.funding.unit ?? '万元' };
  return form;
}

/** True for a cell path whose text is a narrative. */
export function isNarrative(path: string): path is NarrativePath {
  return isNarrativePath(path);
}

/** The editor's state of one form, with change notifications. */
export class FormModel {
  id: string;
  /** The version the working copy is based on (sent as If-Match). */
  version: number;
  /** The form as saved at `version`. */
  base: FormInput;
  form: FormInput;
  rowMeta: CellMeta[];
  goalsMeta: CellMeta;
  /** Number cells whose text is not a number: path → text typed. */
  readonly unreadable = new Map<string, string>();
  evaluation: Evaluation;
  private listeners = new Set<(change: Change) => void>();

  constructor(id: string, version: number, form: FormInput, narratives: NarrativeStates = {}) {
    this.id = id;
    this.version = version;
    this.base = clone(form);
    this.form = clone(form);
    this.rowMeta = form.indicators.map(blankMeta);
    this.goalsMeta = blankMeta();
    this.evaluation = evaluate(this.form);
    this.applyServerNarratives(narratives);
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
    this.evaluation = evaluate(this.form, this.unreadable);
    this.emit(change);
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
    if (!isNarrativePath(path)) return undefined;
    const row = narrativeRowIndex(path);
    return row === null ? this.goalsMeta : this.rowMeta[row];
  }

  /** The value at a path of the working copy. */
  get(path: string): unknown {
    return getAt(this.form, path);
  }

  /** Sets a field typed by the user. A narrative typed by hand becomes the user's text. */
  set(path: string, value: unknown, unreadableText?: string): void {
    setAt(this.form as unknown as Record<string, unknown>, path, value);
    if (unreadableText !== undefined) this.unreadable.set(path, unreadableText);
    else this.unreadable.delete(path);
    const meta = this.metaOf(path);
    if (meta) {
      meta.origin = { kind: 'human' };
      meta.baseline = undefined;
    }
    this.normalizeFunding(path);
    this.evaluation = evaluate(this.form, this.unreadable);
    if (meta) this.markWrittenNow(path);
    this.emit({ kind: 'value', path });
  }

  /** Sets a narrative from a drafter, a revision or a restore, with its origin. */
  setNarrative(path: string, text: string, origin: NarrativeOrigin, writtenAgainst?: NarrativeSnapshot | null): void {
    setAt(this.form as unknown as Record<string, unknown>, path, text);
    const meta = this.metaOf(path);
    if (meta) {
      meta.origin = origin;
      meta.baseline = writtenAgainst === undefined ? undefined : writtenAgainst;
    }
    this.evaluation = evaluate(this.form, this.unreadable);
    if (meta && writtenAgainst === undefined) this.markWrittenNow(path);
    this.emit({ kind: 'narrative', path });
  }

  /** Puts a cell back as it was (undo of a draft): text, origin and baseline. */
  restoreCell(path: string, text: string, meta: CellMeta): void {
    setAt(this.form as unknown as Record<string, unknown>, path, text);
    const current = this.metaOf(path);
    if (current) Object.assign(current, meta);
    this.evaluation = evaluate(this.form, this.unreadable);
    this.emit({ kind: 'narrative', path });
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
    const match = /^funding\.(appropriation|carryover|other)\./.exec(path);
    if (!match) return;
    const row = getAt(this.form, `funding.${match[1]}`) as Record<string, unknown> | null;
    if (row && Object.values(row).every((v) => v === null || v === undefined)) {
      setAt(this.form as unknown as Record<string, unknown>, `funding.${match[1]}`, null);
    }
  }

  /** Inserts an empty row at `index`, copying the levels of the row above so groups stay together. */
  addRow(index = this.form.indicators.length): void {
    const above = this.form.indicators[index - 1];
    this.form.indicators.splice(index, 0, blankRow(above?.level1 ?? '产出指标', above?.level2 ?? '数量指标'));
    this.rowMeta.splice(index, 0, blankMeta());
    this.shiftUnreadable(index, 1);
    this.changed({ kind: 'rows' });
  }

  /** Removes row `index` and returns it (for undo). */
  removeRow(index: number): { row: FormInput['indicators'][number]; meta: CellMeta } | undefined {
    const [row] = this.form.indicators.splice(index, 1);
    const [meta] = this.rowMeta.splice(index, 1);
    if (!row) return undefined;
    for (const key of [...this.unreadable.keys()])
      if (key.startsWith(`indicators.${index}.`)) this.unreadable.delete(key);
    this.shiftUnreadable(index + 1, -1);
    this.renumberBaselines();
    this.changed({ kind: 'rows' });
    return { row, meta: meta ?? blankMeta() };
  }

  /** Puts a removed row back. */
  restoreRow(index: number, removed: { row: FormInput['indicators'][number]; meta: CellMeta }): void {
    this.form.indicators.splice(index, 0, removed.row);
    this.rowMeta.splice(index, 0, removed.meta);
    this.shiftUnreadable(index, 1);
    this.renumberBaselines();
    this.changed({ kind: 'rows' });
  }

  /** Moves row `index` by `delta` places (−1 up, +1 down). */
  moveRow(index: number, delta: number): boolean {
    const to = index + delta;
    if (to < 0 || to >= this.form.indicators.length || delta === 0) return false;
    const rows = this.form.indicators;
    [rows[index], rows[to]] = [rows[to]!, rows[index]!];
    [this.rowMeta[index], this.rowMeta[to]] = [this.rowMeta[to]!, this.rowMeta[index]!];
    const moved = new Map<string, string>();
    for (const [key, text] of this.unreadable) {
      const m = /^indicators\.(\d+)\.(.*)$/.exec(key);
      const i = m ? Number(m[1]) : -1;
      const target = i === index ? to : i === to ? index : i;
      moved.set(m ? `indicators.${target}.${m[2]}` : key, text);
    }
    this.unreadable.clear();
    for (const [k, v] of moved) this.unreadable.set(k, v);
    this.renumberBaselines();
    this.changed({ kind: 'rows' });
    return true;
  }

  /** A row's snapshot names its index; moving the row is not a change of its numbers. */
  private renumberBaselines(): void {
    this.rowMeta.forEach((meta, i) => {
      if (meta.baseline && meta.baseline.kind === 'deviation') meta.baseline = { ...meta.baseline, index: i };
    });
  }

  private shiftUnreadable(from: number, by: number): void {
    const moved = new Map<string, string>();
    for (const [key, text] of this.unreadable) {
      const m = /^indicators\.(\d+)\.(.*)$/.exec(key);
      const i = m ? Number(m[1]) : -1;
      moved.set(m && i >= from ? `indicators.${i + by}.${m[2]}` : key, text);
    }
    this.unreadable.clear();
    for (const [k, v] of moved) this.unreadable.set(k, v);
  }

  /** Replaces the working copy (a restored version, a merge, a reload); cell metas are kept where rows line up. */
  replaceForm(form: FormInput, options: { keepMeta?: boolean } = {}): void {
    this.form = clone(form);
    this.unreadable.clear();
    if (!options.keepMeta || this.rowMeta.length !== form.indicators.length) {
      this.rowMeta = form.indicators.map(blankMeta);
    }
    this.changed({ kind: 'load' });
  }

  /** After a save: the saved form is the new base. */
  markSaved(version: number, saved: FormInput, narratives: NarrativeStates = {}): void {
    this.version = version;
    this.base = clone(saved);
    for (const meta of [this.goalsMeta, ...this.rowMeta]) meta.origin = null;
    this.evaluation = evaluate(this.form, this.unreadable);
    this.applyServerNarratives(narratives);
    this.emit({ kind: 'load' });
  }

  /** True when the working copy differs from the saved one. */
  isDirty(): boolean {
    return this.unreadable.size > 0 || JSON.stringify(this.form) !== JSON.stringify(this.base);
  }

  /** Origins of the narrative texts set in this session, for the save body. */
  origins(): Record<string, NarrativeOrigin> {
    const out: Record<string, NarrativeOrigin> = {};
    if (this.goalsMeta.origin) out['goals.actual'] = this.goalsMeta.origin;
    this.rowMeta.forEach((meta, i) => {
      if (meta.origin) out[`indicators.${i}.deviation`] = meta.origin;
    });
    return out;
  }

  /** Restores origins saved with an unsaved copy (local draft store). */
  restoreOrigins(origins: Record<string, NarrativeOrigin>): void {
    for (const [path, origin] of Object.entries(origins)) {
      const meta = this.metaOf(path);
      if (meta) meta.origin = origin;
    }
  }
}
