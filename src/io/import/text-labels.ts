/**
 * Label tokens in pasted text. Labels that a PDF or web page broke over lines or spaces
 * (`一级\n指标`, `其中:当年财政 拨款`, `偏差原因分析及改进\n\n措施`) are joined back first.
 */
import { labelKey } from './cell-text.js';
import {
  FUNDING_COLUMNS,
  FUNDING_ROWS,
  GOAL_ACTUAL,
  GOAL_EXPECTED,
  HEADER_LABELS,
  INDICATOR_COLUMNS,
  LEVEL1,
  LEVEL2,
  TOTAL_LABEL,
} from './labels.js';
import type { Token } from './text-tokens.js';

const DEVIATION_HEADER =
  /^(?:偏差原因分析及改进措施|未完成原因及拟采取的改进措施|未完成原因分析|未完成原因|偏差大或目标未完成原因分析)$/;

/** Every label a token may be, anchored. */
export const LABELS: RegExp[] = [
  ...Object.values(HEADER_LABELS),
  ...FUNDING_COLUMNS.map(([, p]) => p),
  ...FUNDING_ROWS.map(([, p]) => p),
  ...INDICATOR_COLUMNS.filter(([k]) => k !== 'deviation').map(([, p]) => p),
  DEVIATION_HEADER,
  GOAL_EXPECTED,
  GOAL_ACTUAL,
  LEVEL1,
  LEVEL2,
  TOTAL_LABEL,
  /^年度总体目标$/,
  /^绩效指标$/,
  /^(?:项目)?预算执行情况(?:\((?:万元|\d{1,2}分)\)){0,2}$/,
];

/** True when the token's text is a label. */
export function isLabel(text: string): boolean {
  const key = labelKey(text);
  return LABELS.some((p) => p.test(key));
}

/** Joins runs of up to five tokens whose text together is a label and apart is not. */
export function joinBrokenLabels(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let joined = false;
    if (!isLabel(tokens[i]!.text)) {
      for (let k = 5; k >= 2 && !joined; k--) {
        if (i + k > tokens.length) continue;
        const text = tokens
          .slice(i, i + k)
          .map((t) => t.text)
          .join('');
        if (text.length > 30 || !isLabel(text)) continue;
        out.push({ ...tokens[i]!, text });
        i += k - 1;
        joined = true;
      }
    }
    if (!joined) out.push(tokens[i]!);
  }
  return out;
}

/** Index of the first token from `from` (before `to`) whose label matches. */
export function findToken(tokens: Token[], pattern: RegExp, from = 0, to = tokens.length): number {
  for (let i = from; i < Math.min(to, tokens.length); i++) if (pattern.test(labelKey(tokens[i]!.text))) return i;
  return -1;
}
