/**
 * The project's own figures a narrative may state (issue #13): funding and execution, the rate, the
 * total, the year and the over-achievement standard, and the counts a summary gives; with the claims
 * each figure answers (偏差率 of nothing, 预算数 of the budget…). The one home of that list: visited
 * one by one, so what is built from it (Knowns, the table's columns) builds only what it keeps.
 */
import type { FormFacts } from '../../facts/types.js';
import { unitNamed, type Unit } from '../../parse/units.js';
import { MULTIPLE, PERCENT, SCORE, YEAR } from './row-figures.js';

/** The groups the project's figures are listed in (their order in a cell's pool). */
export type ProjectGroup = 'budget' | 'executed' | 'execution-rate' | 'total' | 'other';

/** The claims a project figure may answer, one bit each (总分 answers total and score). */
export const PROJECT_CLAIM_BITS: Readonly<Record<string, number>> = {
  budget: 1,
  executed: 2,
  'execution-rate': 4,
  total: 8,
  excess: 16,
  shortfall: 32,
  score: 64,
};
const B = PROJECT_CLAIM_BITS as Record<
  'budget' | 'executed' | 'execution-rate' | 'total' | 'excess' | 'shortfall' | 'score',
  number
>;

/**
 * Receives a project figure: its group, value, unit, where it is (a funding line's label, or '') and
 * what it is there (`projectSource` joins the two: only a figure that is kept or named builds its
 * source), and the claims it answers (bits).
 */
export type ProjectSink = (
  group: ProjectGroup,
  value: number,
  unit: Unit | null,
  line: string,
  what: string,
  claims: number,
) => void;

/** The source of a project figure: `年度资金总额·全年预算数`, or `预算执行率`. */
export const projectSource = (line: string, what: string): string => (line === '' ? what : `${line}·${what}`);

function put(sink: ProjectSink, g: ProjectGroup, v: number | null, unit: Unit | null, what: string, claims: number) {
  if (v !== null && Number.isFinite(v)) sink(g, v, unit, '', what, claims);
}

/** `put` for a figure of the funding line labelled `line`, in the form's money unit. */
function putLine(
  sink: ProjectSink,
  g: ProjectGroup,
  v: number | null,
  money: Unit,
  line: string,
  what: string,
  claims: number,
) {
  if (v !== null && Number.isFinite(v)) sink(g, v, money, line, what, claims);
}

/** The funding lines' and the form's budget, then execution (资金情况, 财预〔2020〕10号 附件2). */
function eachFunding(f: FormFacts, sink: ProjectSink): void {
  const money = f.funding.unit;
  for (const line of f.funding.lines) {
    putLine(sink, 'budget', line.initial, money, line.label, '年初预算数', B.budget);
    putLine(sink, 'budget', line.annual, money, line.label, '全年预算数', B.budget);
  }
  put(sink, 'budget', f.funding.budget, money, '全年预算数', B.budget);
  for (const line of f.funding.lines)
    putLine(sink, 'executed', line.executed, money, line.label, '全年执行数', B.executed);
  put(sink, 'executed', f.funding.executed, money, '全年执行数', B.executed);
}

/** Gives the project-level figures to `sink` in pool order: funding, rate, total, then the others. */
export function eachProjectFact(f: FormFacts, sink: ProjectSink): void {
  eachFunding(f, sink);
  const rate = f.funding.rate === null ? null : f.funding.rate * 100;
  put(sink, 'execution-rate', rate, PERCENT, '预算执行率', B['execution-rate']);
  put(sink, 'total', f.total, SCORE, '核定总分', B.total | B.score);
  put(sink, 'total', f.selfTotal, SCORE, '自评总分', B.total | B.score);
  put(sink, 'other', f.year, YEAR, '年度', 0);
  put(sink, 'other', f.year + 1, YEAR, '下一年度', 0);
  put(sink, 'other', f.funding.score, SCORE, '预算执行率得分', B.score);
  put(sink, 'other', f.funding.weight, SCORE, '预算执行率分值', B.score);
  put(sink, 'other', f.funding.selfScore, SCORE, '预算执行率自评得分', B.score);
  // "超出指标值20%以上即为超额完成": the profile's standard is also an excess (or shortfall) a text may cite
  const standard = B.excess | B.shortfall;
  put(sink, 'other', f.overRatio * 100, PERCENT, '超额完成认定标准', standard);
  put(sink, 'other', (f.overRatio - 1) * 100, PERCENT, '超额完成认定标准', standard);
  put(sink, 'other', f.overRatio, MULTIPLE, '超额完成认定标准', standard);
}

/** The units a count is written in: 12项, 12个, 12条. */
const COUNT_UNITS = ['项', '个', '条'].map((label) => unitNamed(label));

/**
 * Receives a count: its value, unit, the 一级指标 it counts ('' for all rows) and what it counts;
 * its source is the two joined (`countSource`), built only by a sink that keeps or names it.
 */
export type CountSink = (value: number, unit: Unit | null, group: string, what: string) => void;

/** The source of a count: `产出指标项数`, `指标项数`. */
export const countSource = (group: string, what: string): string => group + what;

/** Gives `n` to `sink` once in each unit a count is written in. */
function countIn(sink: CountSink, n: number, group: string, what: string): void {
  for (const unit of COUNT_UNITS) sink(n, unit, group, what);
}

/** Gives the counts a summary may state (rows in all and by 一级指标, those met, those to explain), each as 项/个/条. */
export function eachCount(f: FormFacts, sink: CountSink): void {
  let scored = 0;
  let needing = 0;
  // by 一级指标 in first-seen order: rows scored, and those met (or over-achieved); a form has a few
  const groups: string[] = [];
  const rows: number[] = [];
  const met: number[] = [];
  for (const r of f.rows) {
    if (r.outcome === 'unscorable') continue;
    scored++;
    if (r.needsText) needing++;
    const name = r.level1.trim();
    let g = groups.indexOf(name);
    if (g < 0) g = groups.push(name) - 1;
    rows[g] = (rows[g] ?? 0) + 1;
    met[g] = (met[g] ?? 0) + (!r.needsText || r.outcome === 'over-achieved' ? 1 : 0);
  }
  countIn(sink, scored, '', '指标项数');
  countIn(sink, needing, '', '需说明偏差的指标项数');
  for (let g = 0; g < groups.length; g++) {
    countIn(sink, rows[g]!, groups[g]!, '项数');
    countIn(sink, met[g]!, groups[g]!, '达到指标值的项数');
  }
}
