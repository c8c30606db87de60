/**
 * What a finance reviewer sends back although every score adds up: a 实际完成情况 that says
 * nothing or copies the 预期目标, indicators that restate the budget, cost actuals that differ
 * from what was spent, and generic phrases in place of actual values (fixtures forms/02, 07, 09, 10, 14).
 */
import { div, num, times, toPlainNumber } from '../fast-decimal.js';
import { isFillerText } from '../parse/placeholder.js';
import { indicatorCellPath } from '../narratives/paths.js';
import { skipSpaces } from '../parse/space.js';
import { findQuantities, type Quantity } from '../parse/quantity.js';
import type { RowCells } from '../parse/row-cells.js';
import type { Form } from '../schema/form.js';
import { DEFAULT_FUNDING_UNIT, type FundingUnit } from '../schema/choices.js';
import type { FundingResult, ReportIssue } from '../schema/report.js';

const GENERIC_GOAL =
  /^(?:已?完成(?:了)?(?:年度)?(?:目标|任务|绩效目标)?|基本完成(?:年度)?目标|已?达成(?:年度)?目标|按计划完成|达到预期(?:目标)?)[。.]?$/;

/** Issues about the 年度总体目标 block. */
export function checkGoals(form: Form): ReportIssue[] {
  const expected = form.goals?.expected?.trim() ?? '';
  const actual = form.goals?.actual?.trim() ?? '';
  if (isFillerText(actual)) {
    return [
      {
        severity: 'warning',
        path: 'goals.actual',
        code: 'goals-actual-missing',
        message: '实际完成情况未填写：应逐项对照预期目标写明完成情况、资金执行数和执行率',
      },
    ];
  }
  if (GENERIC_GOAL.test(actual) || actual.length < 15) {
    return [
      {
        severity: 'warning',
        path: 'goals.actual',
        code: 'goals-actual-thin',
        message: `实际完成情况“${actual}”过于笼统：应逐项写明完成的数量、资金执行数和执行率`,
      },
    ];
  }
  if (expected !== '' && actual === expected) {
    return [
      {
        severity: 'warning',
        path: 'goals.actual',
        code: 'goals-actual-copied',
        message: '实际完成情况与预期目标完全相同，应写实际完成的情况',
      },
    ];
  }
  return [];
}

/** Money value of a cell in the funding unit, when it has one number (`known`: its quantities, if read). */
function moneyIn(
  text: string | null | undefined,
  fundingUnit: FundingUnit,
  known?: readonly Quantity[] | null,
): number | null {
  const qs = known ?? findQuantities(text ?? '');
  if (qs.length !== 1) return null;
  const q = qs[0]!;
  // "45万" in a money row (济南历城 forms/14) means 45万元
  if (q.unit?.label === '万') return fundingUnit === '万元' ? q.value : q.value * 1e4;
  if (q.unit && q.unit.family !== 'money') return null;
  if (!q.unit) return q.value;
  return toPlainNumber(div(times(num(q.value), num(q.unit.factor)), num(fundingUnit === '万元' ? 1e4 : 1)));
}

const near = (a: number, b: number): boolean => b !== 0 && Math.abs(a - b) / Math.abs(b) <= 0.005;

/** A budget that can be echoed: a positive number, else 0 (which nothing is `near`). */
const budgetOf = (v: number | null | undefined): number => (typeof v === 'number' && v > 0 ? v : 0);

/** Issues where indicator rows repeat the funding block instead of measuring output. */
export function checkBudgetEchoes(
  form: Form,
  funding: FundingResult,
  cells?: readonly (RowCells | undefined)[],
): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const unit = form.funding?.unit ?? DEFAULT_FUNDING_UNIT;
  // The two budgets, a missing or non-positive one as 0 (`near` nothing): no list made for them
  const annual = budgetOf(form.funding?.total?.annual);
  const initial = budgetOf(form.funding?.total?.initial);
  // No budget, nothing to echo: no cell is read
  if (annual === 0 && initial === 0) return issues;
  for (let index = 0; index < form.indicators.length; index += 1) {
    const row = form.indicators[index]!;
    // The scorer's reading of the cell when there is one (issue #9: each cell parsed once)
    const target = moneyIn(row.target, unit, cells?.[index]?.targetQuantities);
    if (target == null || !(near(target, annual) || near(target, initial))) continue;
    const isCost = /成本/.test(`${row.level1}${row.level2 ?? ''}`);
    issues.push({
      severity: isCost ? 'info' : 'warning',
      path: indicatorCellPath(index, 'target'),
      code: 'indicator-restates-budget',
      message: isCost
        ? `成本指标的指标值${row.target}即预算总额，未反映单位成本或分项成本`
        : `指标值${row.target}即预算金额：资金执行情况已在预算执行率中计分，产出指标应反映实际产出`,
    });
    const actual = moneyIn(row.actual, unit);
    // 池州 forms/07: "项目总成本 ≤90万元" reported as "90" although 89.974 was spent
    // Two JS numbers are equal exactly when their decimals are (a number reads as its shortest text)
    if (isCost && actual != null && funding.executed != null && actual !== funding.executed) {
      issues.push({
        severity: 'warning',
        path: indicatorCellPath(index, 'actual'),
        code: 'cost-differs-from-executed',
        message: `成本指标实际完成值${row.actual}与全年执行数${funding.executed}${unit}不一致`,
      });
    }
  }
  return issues;
}

/** Stock phrases written as a row's whole actual (池州 forms/07). */
const GENERIC_ACTUAL = new Set(['达成预期指标', '达到预期指标', '达成年度指标', '已完成', '完成']);
/** The first characters of GENERIC_ACTUAL's phrases: an actual starting with any other is none of them. */
const GENERIC_FIRST = new Set(Array.from(GENERIC_ACTUAL, (phrase) => phrase.charCodeAt(0)));

/** True when `text` (trimmed) is one of GENERIC_ACTUAL's phrases; most actuals are told by one character. */
function isGenericActual(text: string): boolean {
  return GENERIC_FIRST.has(text.charCodeAt(skipSpaces(text, 0, text.length))) && GENERIC_ACTUAL.has(text.trim());
}

/** Info where a row's actual is only a stock phrase (池州: every 定性 actual "达成预期指标"). */
export function checkGenericActuals(form: Form): ReportIssue[] {
  const issues: ReportIssue[] = [];
  // A loop, not forEach: no closure per scoring (issue #9)
  for (let index = 0; index < form.indicators.length; index += 1) {
    const row = form.indicators[index]!;
    if (row.actual == null || !isGenericActual(row.actual)) continue;
    const actual = row.actual.trim();
    issues.push({
      severity: 'info',
      path: indicatorCellPath(index, 'actual'),
      code: 'actual-generic-phrase',
      message: `实际完成值“${actual}”是套话，建议写明实际达到的程度或事实`,
    });
  }
  return issues;
}

/** True when a name is only spaces (`name.trim() === ''` without the trimmed copy). */
function isBlankName(name: string): boolean {
  return skipSpaces(name, 0, name.length) === name.length;
}

/** Warning for a row without a 三级指标 name. */
export function checkNames(form: Form): ReportIssue[] {
  const issues: ReportIssue[] = [];
  for (let index = 0; index < form.indicators.length; index += 1) {
    if (!isBlankName(form.indicators[index]!.name)) continue;
    issues.push({
      severity: 'warning',
      path: indicatorCellPath(index, 'name'),
      code: 'name-missing',
      message: '三级指标名称未填写',
    });
  }
  return issues;
}
