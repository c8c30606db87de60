/**
 * The score report as a person reads it in a terminal: the rows, the total and the issues, rows
 * numbered as on the printed form (row-number.ts).
 */
import type { Form, ScoreReport } from '../core/index.js';
import { placeOf } from '../core/schema/field-labels.js';
import { rowNumber } from '../core/schema/row-number.js';
import { renderTable } from './text-table.js';

const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;
const num = (v: number | null | undefined): string => (v == null ? '—' : String(Number(v.toFixed(2))));

/** Renders a report for the terminal. */
export function formatReport(form: Form, report: ScoreReport): string {
  const out: string[] = [];
  out.push(`${form.project.name}（${form.year}年度）  规则口径：${report.profile}`);
  out.push('');
  const f = report.funding;
  out.push(
    `预算执行率  ${f.rate == null ? '—' : `${(f.rate * 100).toFixed(2)}%`}  分值 ${num(f.weight)}  自评 ${num(f.selfScore)}  核定 ${num(f.score)}`,
  );
  out.push(`  ${f.explanation}`);
  out.push('');
  const rows = report.indicators.map((r) => {
    const row = form.indicators[r.index]!;
    return [
      String(rowNumber(r.index)),
      row.name,
      row.target ?? '',
      row.actual ?? '',
      num(r.weight),
      num(r.selfScore),
      num(r.ruleScore),
      num(r.score),
      r.needsExplanation ? '需说明' : '',
    ];
  });
  out.push(
    renderTable(
      ['序号', '三级指标', '年度指标值', '实际完成值', '分值', '自评', '规则', '核定', '偏差说明'],
      rows,
      [4, 24, 14, 18, 4, 4, 6, 6, 8],
    ),
  );
  out.push('');
  for (const r of report.indicators) out.push(`${String(rowNumber(r.index)).padStart(2)}. ${r.explanation}`);
  out.push('');
  out.push(
    `核定总分 ${report.total.toFixed(2)}  自评总分 ${report.selfTotal == null ? '—' : report.selfTotal.toFixed(2)}  等级 ${report.grade}`,
  );
  if (report.issues.length > 0) {
    out.push('');
    out.push(`审核意见（${report.issues.length}条）：`);
    for (const issue of report.issues)
      out.push(`  [${SEVERITY[issue.severity]}] ${placeOf(issue.path)}  ${issue.message}`);
  }
  return out.join('\n');
}
