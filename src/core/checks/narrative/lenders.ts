/**
 * The texts that lend a cell figures (issue #13): the table's cells (三级指标, 年度指标值, 实际完成值,
 * the project's name, 预期目标; origin `cell`) and what people wrote (notes, the funding reason, the
 * cells as written; origin `text`). The one home of that list; each text is read once (read-once.ts).
 */
import type { FormFacts, IndicatorFacts } from '../../facts/types.js';
import type { NarrativeQuantity } from '../../narrative/quantities.js';
import { rowLabel } from '../../schema/row-number.js';
import type { Known } from './knowns.js';
import { quantitiesOnce } from './read-once.js';

/** A text that lends figures, named `label` (in row `row`, when it is a row's). */
export interface Lent {
  text: string;
  origin: 'cell' | 'text';
  /** Scores in notes are left out (a score comes from the scorer). */
  noScores: boolean;
  row: IndicatorFacts | null;
  label: string;
}

/** Called with each lending text; returning true stops the visit. */
export type LentVisit = (l: Lent) => boolean;

// One object, refilled for each text a visit sees: a visit builds nothing
const SEEN: Lent = { text: '', origin: 'cell', noScores: false, row: null, label: '' };

function see(
  visit: LentVisit,
  text: string,
  origin: Lent['origin'],
  noScores: boolean,
  row: Lent['row'],
  label: string,
) {
  // an empty text lends nothing: no visitor is asked about it
  if (text === '') return false;
  SEEN.text = text;
  SEEN.origin = origin;
  SEEN.noScores = noScores;
  SEEN.row = row;
  SEEN.label = label;
  return visit(SEEN);
}

/** The project's name and the funding reason: every cell may draw on them. */
export function eachCommonText(f: FormFacts, visit: LentVisit): boolean {
  return (
    see(visit, f.projectName, 'cell', false, null, '项目名称') ||
    see(visit, f.funding.reason, 'text', false, null, '执行率偏低原因')
  );
}

/** A row's 三级指标, 年度指标值, 实际完成值 (cells) and its notes. */
export function eachRowText(r: IndicatorFacts, visit: LentVisit): boolean {
  return (
    see(visit, r.name, 'cell', false, r, '三级指标') ||
    see(visit, r.target.text, 'cell', false, r, '年度指标值') ||
    see(visit, r.actual.text, 'cell', false, r, '实际完成值') ||
    see(visit, r.sources.notes, 'text', true, r, '补充事实')
  );
}

/** A row's deviation cell as written. */
export function rowExistingText(r: IndicatorFacts, visit: LentVisit): boolean {
  return see(visit, r.sources.existing, 'text', false, r, '偏差原因（表中原文）');
}

/** 预期目标 and the goals' notes: what 实际完成情况 may draw on besides the rows. */
export function eachGoalsText(f: FormFacts, visit: LentVisit): boolean {
  return (
    see(visit, f.goals.expected, 'cell', false, null, '预期目标') ||
    see(visit, f.goals.notes, 'text', true, null, '补充事实（总体目标）')
  );
}

/** 实际完成情况 as written. */
export function goalsExistingText(f: FormFacts, visit: LentVisit): boolean {
  return see(visit, f.goals.existing, 'text', false, null, '实际完成情况（表中原文）');
}

/** True when `l` lends `q` (its scores are left out when it must not lend them). */
function lends(l: Lent, q: NarrativeQuantity): boolean {
  return !(l.noScores && q.unit?.family === 'score');
}

/** Appends the figures `l` lends, as Knowns. */
export function lentKnowns(out: Known[], l: Lent): void {
  if (!l.text) return;
  const source = l.row ? `${rowLabel(l.row.index)}·${l.label}` : l.label;
  const read = quantitiesOnce(l.text, false);
  // indexed: a for-of over the frozen readings calls the iterator and builds a result per step
  for (let i = 0; i < read.length; i++) {
    const q = read[i]!;
    if (lends(l, q)) out.push({ value: q.value, unit: q.unit, source, origin: l.origin });
  }
}

// The figure a lending text's quantities are tried as, refilled (`accepts` must not keep it)
const LENT_FIGURE: Known = { value: 0, unit: null, source: '', origin: 'cell' };

/** True when `l` lends a figure `accepts` takes (tried on a scratch figure: nothing is built). */
export function lendsOne(l: Lent, accepts: (k: Known) => boolean): boolean {
  if (!l.text) return false;
  const scratch = LENT_FIGURE;
  scratch.origin = l.origin;
  const read = quantitiesOnce(l.text, false);
  for (let i = 0; i < read.length; i++) {
    const q = read[i]!;
    if (!lends(l, q)) continue;
    scratch.value = q.value;
    scratch.unit = q.unit;
    if (accepts(scratch)) return true;
  }
  return false;
}
