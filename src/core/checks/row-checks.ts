/**
 * Row checks a reviewer makes after the scores are known: the explanation the profile demands
 * (pmkpi: 得分<分值须填偏差原因 [C]; 广西 ≥130% 必填 [C]), and explanations that say nothing.
 */
import { deviationPath } from '../narratives/paths.js';
import { isFillerText } from '../parse/placeholder.js';
import type { Indicator } from '../schema/form.js';
import type { IndicatorResult, ReportIssue } from '../schema/report.js';

/** Issues about row `result.index`'s 偏差原因分析及改进措施, pushed onto `issues` (none made for a row without). */
export function checkExplanation(row: Indicator, result: IndicatorResult, issues: ReportIssue[]): void {
  const text = row.deviation ?? '';
  if (result.needsExplanation && isFillerText(text)) {
    const why = result.flags.includes('over-achievement')
      ? `实际完成值超出指标值${result.completion != null ? `${Math.round((result.completion - 1) * 100)}%` : '较多'}，须说明原因（是否指标值设定偏低）`
      : `得分${result.score}分低于分值${result.weight}分，须分析偏差原因并提出改进措施`;
    issues.push({ severity: 'error', path: deviationPath(result.index), code: 'explanation-missing', message: why });
  } else if (!result.needsExplanation && isFillerText(text) && text.trim() !== '') {
    issues.push({
      severity: 'info',
      path: deviationPath(result.index),
      code: 'explanation-empty-words',
      message: `满分指标的偏差说明“${text.trim()}”没有内容，可留空`,
    });
  }
}
