/**
 * Text that lost its cell boundaries (a web page whose table cells were run together, fixture 03:
 * `资金情况(万元)全年预算数(A)全年执行数(B)分值…`): the labels of the form are cut out of the
 * run so the readers find their blocks again. Only long tokens holding several labels are cut,
 * so ordinary text with spaces or line breaks between cells is left as it was.
 */
import { splitAt, type Token } from './text-tokens.js';

const OPEN = '[(（]';
const CLOSE = '[)）]';
const COLON = '[:：]';

/** The labels of a 自评表 as they stand inside a run (scoring-rules.md §2; labels.ts anchors the same words). */
export const GLUED_LABEL = new RegExp(
  [
    '项目名称',
    '项目负责人及(?:联系)?电话',
    '项目负责人',
    '主管部门',
    '实施单位',
    `(?:资金情况|项目资金)(?:${OPEN}万?元${CLOSE})?`,
    '年初预算数?',
    `全年预算数(?:${OPEN}A${CLOSE})?`,
    `全年执行数(?:${OPEN}B${CLOSE})?`,
    `执行率(?:${OPEN}B/A${CLOSE})?`,
    '分值',
    '得分',
    `年度资金总额${COLON}?`,
    `其中${COLON}(?:本年|当年)财政拨款`,
    '上年结转资金',
    '其他资金',
    '年度总体目标完成情况综述',
    '年度总体目标',
    '年初设定目标',
    '预期目标',
    '实际完成情况',
    '绩效指标',
    '[一二三]级指标',
    '年度指标值',
    '全年实际值',
    '实际完成值',
    '未完成原因及拟采取的改进措施',
    '偏差原因分析及改进措施',
    `(?:产出|效益|满意度)指标(?:${OPEN}\\d{1,3}分${CLOSE})?`,
    '(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度)指标',
    '总分',
    `注${COLON}`,
  ].join('|'),
  'g',
);

/** A token this long with this many labels in it is a run of cells, not one cell. */
const RUN_CHARS = 60;
const RUN_LABELS = 3;

function labelCount(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(GLUED_LABEL)) n++;
  return n;
}

/** True when some token is a run of cells whose boundaries were lost. */
export function hasGluedCells(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.text.length >= RUN_CHARS && labelCount(t.text) >= RUN_LABELS);
}

/** Cuts the labels out of the long tokens (runs of cells); other tokens stay as they are. */
export function splitGluedLabels(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => (t.text.length >= RUN_CHARS / 3 ? splitAt([t], GLUED_LABEL) : [t]));
}
