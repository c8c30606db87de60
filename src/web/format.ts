/** Number and text formatting for the page: scores with 2 decimals, amounts as typed, Chinese labels. */
import { FIELD_LABELS } from '../core/schema/field-labels.js';

/** A score as the form prints it: `87.50`; empty for null. */
export function fmtScore(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '' : value.toFixed(2);
}

/** A ratio as a percentage: 1 → `100%`, 0.4517 → `45.17%`. */
export function fmtPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${Number((value * 100).toFixed(2))}%`;
}

/** An amount cell's text while editing: the number as typed, without forced decimals. */
export function fmtAmount(value: unknown): string {
  return typeof value === 'number' ? String(value) : '';
}

/**
 * Reads an amount or score typed by a person: `20,500.00`, full-width digits and spaces are
 * accepted; empty text is null; anything else is `undefined` (not a number).
 */
export function parseNumberText(text: string): number | null | undefined {
  const clean = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '');
  if (clean === '') return null;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(clean)) return undefined;
  return Number(clean);
}

/** Chinese name of a field path for issue lists and histories: `第6行 得分`, `年度资金总额 全年执行数`. */
export function pathLabel(path: string): string {
  if (path === 'goals.actual') return '实际完成情况';
  if (path === 'goals.expected') return '预期目标';
  if (path === 'project.name') return '项目名称';
  if (path === 'profile') return '规则口径';
  const parts = path.split('.');
  if (parts[0] === 'indicators' && parts[1] !== undefined) {
    const row = `第${Number(parts[1]) + 1}行`;
    if (parts.length === 2) return row;
    const key = parts[2]!;
    const name =
      key === 'name'
        ? '三级指标'
        : key === 'actual'
          ? '实际完成值'
          : key === 'score'
            ? '得分'
            : (FIELD_LABELS[key] ?? key);
    return `${row} ${name}`;
  }
  // `funding.total.executed` reads 年度资金总额 全年执行数: the block's name adds nothing.
  const shown = parts.length > 1 && ['funding', 'project', 'goals'].includes(parts[0]!) ? parts.slice(1) : parts;
  return shown.map((p) => FIELD_LABELS[p] ?? p).join(' ');
}

const FLAG_LABELS: Record<string, string> = {
  'target-missed': '未达指标值',
  'target-exceeded': '超过指标值',
  'over-achievement': '超额较多',
  'manual-review': '需人工复核',
  'unit-conflict': '单位不一致',
  'self-score-below-rule': '自评低于规则',
  'self-score-above-rule': '自评高于规则',
  'self-score-above-weight': '自评高于分值',
  'score-above-weight': '得分高于分值',
  'scale-list': '等级列表',
  'actual-unreadable': '实际值无法识别',
  'actual-missing': '缺实际值',
  'target-missing': '缺指标值',
  'negative-actual': '实际值为负',
  'far-below-cap': '远低于上限',
  'actual-copied-sign': '实际值带符号',
  'actual-has-sign': '实际值带符号',
  'weight-missing': '缺分值',
  'template-row': '模板空行',
  'target-sign-assumed': '按正向计',
  'ill-set-target': '指标值设置不当',
  'rule-not-applicable': '规则不适用',
  'marked-down-for-low-target': '指标偏低已扣分',
  'grade-missing': '缺达成等级',
  'as-positive': '按正向计',
  'actual-number-picked': '取实际值中的数字',
  'actual-not-numeric': '实际值非数值',
  'actual-fraction-as-percent': '小数按百分比',
  'self-score-unchecked': '自评未核',
};

/** A short Chinese label for a row flag; unknown flags show their code. */
export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? flag;
}

/** Characters as a person counts them (code points, not UTF-16 units or bytes). */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** A local time for histories: `2024-05-06 14:03`. */
export function fmtTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
