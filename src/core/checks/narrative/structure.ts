/**
 * The parts a 偏差原因分析及改进措施 cell needs (issue #13; 财预〔2020〕10号 附件 表注): the facts,
 * the cause (or a placeholder for it) and the measure.
 */
import { hasPlaceholder } from '../../narrative/placeholders.js';
import type { CheckIssue } from './types.js';

const CAUSE_WORD =
  /原因|由于|因为|(?<!原)因(?![此而素地材])|受到?[^，。；\n]{0,20}(?:影响|支持|限制|制约)|得益于|鉴于|所致|导致|造成|因此|因而|所以/;
const MEASURE_WORD =
  /改进措施|整改|后续|下一步|今后|下一年度|以后|未来|拟|将(?:进一步|继续|加强|加快|严格|科学|合理|做好|完善|优化|提高|建立|强化|持续|积极|认真|根据|结合|按照|及时|逐步|深入)|加强|完善|持续|进一步|提升|提高|改进|优化|强化|确保|做好/;

/** Missing cause or measure in a deviation cell that must explain its row. */
export function checkStructure(text: string): CheckIssue[] {
  const issues: CheckIssue[] = [];
  if (!CAUSE_WORD.test(text) && !hasPlaceholder(text)) {
    issues.push({ code: 'missing_cause', message: '缺少偏差原因：应写明原因，或留〔待补充：偏差原因〕由填报人填写' });
  }
  if (!MEASURE_WORD.test(text)) {
    issues.push({ code: 'missing_measure', message: '缺少改进措施：应写明后续的改进措施' });
  }
  return issues;
}
