/**
 * The facts a cell's text must state: for a deviation cell its target, actual and deviation (or a
 * qualitative row's grade); for goals.actual the executed funds and the execution rate. Pure.
 */
import type { Form } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { formatNumber, formatPercent, formatScore, kindOfUnit, type FoundNumber, type NumberKind } from './numbers.js';
import type { RowFacts } from './row-facts.js';

/** A fact a cell's text must state: one of `values` written as a number, or one of `texts`. */
export interface RequiredFact {
  key: 'target' | 'actual' | 'deviation' | 'grade' | 'executed' | 'executionRate';
  label: string;
  /** How the fact reads, for the message: `≥200台`. */
  display: string;
  values: { value: number; unit: string | null; kind: NumberKind }[];
  texts: string[];
}

/** A cell quoted whole when this short, else by its first quantity. */
const SHORT_TEXT = 30;

/** The target or actual cell as a fact, unless empty, a dash, or long without a quantity. */
function cellFact(
  key: 'target' | 'actual',
  label: string,
  raw: string | null | undefined,
  q: FoundNumber | null,
): RequiredFact | null {
  const text = (raw ?? '').trim();
  if (!text || /^[—\-/／无]+$/.test(text)) return null;
  const short = text.length <= SHORT_TEXT;
  if (!q && !short) return null;
  return {
    key,
    label,
    display: short ? text : q!.text,
    values: q ? [{ value: q.value, unit: q.unit, kind: q.kind }] : [],
    texts: short ? [text] : [],
  };
}

/** A qualitative row short of 达成 states its grade or score. */
function gradeFact(rf: RowFacts): RequiredFact {
  const r = rf.result;
  return {
    key: 'grade',
    label: '达成等级或得分',
    display: rf.grade ?? (r ? `${formatScore(r.score)}分` : ''),
    values: r ? [{ value: r.score, unit: '分', kind: 'score' }] : [],
    texts: rf.grade ? [rf.grade] : [],
  };
}

/** A missed, over-achieved or breached row states its deviation: rate, completion or amount. */
function deviationFact(rf: RowFacts, completion: number): RequiredFact {
  const values: RequiredFact['values'] = [
    { value: Math.abs(completion - 1) * 100, unit: '%', kind: 'percent' },
    { value: completion * 100, unit: '%', kind: 'percent' },
    { value: completion, unit: '倍', kind: 'other' },
  ];
  const amount = rf.deviationAmount;
  if (amount) values.push({ value: amount.value, unit: amount.unit, kind: kindOfUnit(amount.unit) });
  return {
    key: 'deviation',
    label: '偏差（偏差率、完成率或偏差量）',
    display: `偏差率${formatPercent(Math.abs(completion - 1))}`,
    values,
    texts: [],
  };
}

const DEVIATING: ReadonlySet<string> = new Set(['missed', 'over-achievement', 'reverse-exceeded']);

/** What a deviation cell's text must state. */
export function requiredForRow(rf: RowFacts): RequiredFact[] {
  if (rf.outcome === 'qualitative-partial') return [gradeFact(rf)];
  const ind = rf.indicator;
  const out = [
    cellFact('target', '年度指标值', ind.target, rf.target),
    cellFact('actual', '实际完成值', ind.actual, rf.actual),
  ].filter((f): f is RequiredFact => f !== null);
  if (rf.completion !== null && DEVIATING.has(rf.outcome)) out.push(deviationFact(rf, rf.completion));
  return out;
}

/** What goals.actual must state: the executed funds and the execution rate, when known. */
export function requiredForGoals(form: Form, report: ScoreReport): RequiredFact[] {
  const out: RequiredFact[] = [];
  const unit = form.funding?.unit ?? '万元';
  const executed = report.funding.executed ?? form.funding?.total?.executed ?? null;
  if (executed !== null && executed !== undefined) {
    out.push({
      key: 'executed',
      label: '全年执行数',
      display: `${formatNumber(executed, 4)}${unit}`,
      values: [{ value: executed, unit, kind: 'money' }],
      texts: [],
    });
  }
  if (report.funding.rate !== null) {
    out.push({
      key: 'executionRate',
      label: '预算执行率',
      display: formatPercent(report.funding.rate),
      values: [{ value: report.funding.rate * 100, unit: '%', kind: 'percent' }],
      texts: [],
    });
  }
  return out;
}
