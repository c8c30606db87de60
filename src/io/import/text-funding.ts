/**
 * 项目资金 in pasted text: the column headers in their order, then each row's values after its
 * label. Cells a web page dropped (a blank 年初预算数) make rows shorter than the header; values
 * are then placed around the 执行率 (the one value with `%` or a fraction), and the report says so.
 */
import type { FormInput } from '../../core/schema/form.js';
import { isPlaceholder } from '../../core/parse/placeholder.js';
import { amountIn, cellNumber, formatNumber, labelKey } from './cell-text.js';
import { splitGluedNumbers, type NumberRole } from './glued-numbers.js';
import { FUNDING_COLUMNS, FUNDING_ROWS } from './labels.js';
import type { ReportBuilder } from './report.js';
import { isLabel } from './text-labels.js';
import { lineRef, type Token } from './text-tokens.js';

type Funding = NonNullable<FormInput['funding']>;
type Column = (typeof FUNDING_COLUMNS)[number][0];
type RowKey = (typeof FUNDING_ROWS)[number][0];

function columnOf(text: string): Column | null {
  const key = labelKey(text);
  return FUNDING_COLUMNS.find(([, p]) => p.test(key))?.[0] ?? null;
}

function rowOf(text: string): RowKey | null {
  const key = labelKey(text);
  return FUNDING_ROWS.find(([, p]) => p.test(key))?.[0] ?? null;
}

/** A funding value token: a number, a percentage or a dash. */
function isValue(text: string): boolean {
  return cellNumber(text) !== null || isPlaceholder(text);
}

/** Reads the funding block from its tokens. */
export function readTextFunding(tokens: Token[], report: ReportBuilder, glued = false): Funding | undefined {
  const columns: Column[] = [];
  for (const t of tokens) {
    const c = columnOf(t.text);
    if (c && !columns.includes(c)) columns.push(c);
  }
  if (!columns.includes('executed')) return undefined;
  const compact = tokens.map((t) => labelKey(t.text)).join('');
  const unit = /\(元\)|单位:元/.test(compact) ? '元' : '万元';
  if (/\((?:万)?元\)|单位:/.test(compact)) report.took('funding.unit', lineRef(tokens[0]), unit);
  else report.infer('funding.unit', unit, '文本中未写资金单位，按常用的万元读取');
  const funding: Funding = { unit };
  tokens.forEach((t, i) => {
    const key = rowOf(t.text);
    if (!key || funding[key]) return;
    let values: Token[] = [];
    for (let j = i + 1; j < tokens.length && isValue(tokens[j]!.text) && !isLabel(tokens[j]!.text); j++) {
      values.push(tokens[j]!);
    }
    // In text whose cells ran together, one value token may hold the whole row (`2020` = 20 | 20)
    const run = values.length === 0 ? tokens[i + 1] : glued && values.length === 1 ? values[0] : undefined;
    const split = run ? gluedValues(key, run, columns, funding, report) : [];
    if (split.length > 0) values = split;
    funding[key] = placeRow(key, values, columns, unit, report);
    if (key === 'total') readWeight(values, columns, funding, report);
  });
  return funding;
}

const COLUMN_NAMES: Record<Column, string> = {
  initial: '年初预算数',
  annual: '全年预算数',
  executed: '全年执行数',
  weight: '分值',
  rate: '执行率',
  score: '得分',
};

/**
 * A row's values that ran together (`202010100.00%10`), cut by the columns' rules: the 年度资金总额
 * row into all its columns, a 其中 row into its amounts (each no more than the total's).
 */
function gluedValues(key: RowKey, token: Token, columns: Column[], funding: Funding, report: ReportBuilder): Token[] {
  const roleOf = (c: Column): NumberRole =>
    c === 'weight' ? 'weight' : c === 'rate' ? 'rate' : c === 'score' ? 'score' : 'amount';
  const cols = key === 'total' ? columns : columns.filter((c) => roleOf(c) === 'amount');
  const at = (c: Column) => (cols.includes(c) ? cols.indexOf(c) : undefined);
  const total = funding.total;
  const cap = total ? Math.max(total.initial ?? 0, total.annual ?? 0, total.executed ?? 0) : undefined;
  const values = splitGluedNumbers(token.text, cols.map(roleOf), {
    budget: at('annual') ?? at('initial'),
    executed: at('executed'),
    weight: at('weight'),
    score: at('score'),
    ...(key !== 'total' && cap ? { maxAmount: cap } : {}),
  });
  if (!values) return [];
  const texts = values.map((v, i) => (cols[i] === 'rate' ? `${formatNumber(v * 100)}%` : formatNumber(v)));
  report.infer(
    `funding.${key}`,
    texts.join(' | '),
    `${lineRef(token)}数字粘连“${token.text}”，按表头列（${cols.map((c) => COLUMN_NAMES[c]).join('、')}）${cols.includes('rate') ? '及执行率=执行数/预算数' : '（各数不超过年度资金总额）'}唯一拆分，请核对`,
  );
  return texts.map((text) => ({ ...token, text, before: 'cell' as const }));
}

/** Which column each value of a row belongs to (see the file comment). */
export function placeValues(values: string[], columns: Column[]): (Column | null)[] {
  if (values.length === columns.length) return [...columns];
  const rateAt = values.findIndex((v) => /%$/.test(v.trim()) || /^0\.\d{1,6}$/.test(v.trim()));
  const rateCol = columns.indexOf('rate');
  if (rateAt >= 0 && rateCol >= 0) {
    const before = columns.slice(0, rateCol);
    const after = columns.slice(rateCol + 1);
    const left = values.slice(0, rateAt).map((_, i, all) => before[before.length - all.length + i] ?? null);
    const right = values.slice(rateAt + 1).map((_, i) => after[i] ?? null);
    return [...left, 'rate', ...right];
  }
  const noRate = columns.filter((c) => c !== 'rate');
  if (values.length === noRate.length) return noRate;
  const amounts = noRate.filter((c) => c === 'initial' || c === 'annual' || c === 'executed');
  return values.map((_, i, all) => amounts[amounts.length - all.length + i] ?? null);
}

function placeRow(key: RowKey, values: Token[], columns: Column[], unit: '万元' | '元', report: ReportBuilder) {
  const placed = placeValues(
    values.map((t) => t.text),
    columns,
  );
  const row: Record<string, number | null> = { initial: null, annual: null, executed: null };
  const short = values.length !== columns.length;
  placed.forEach((column, i) => {
    const token = values[i]!;
    const amount = column === 'initial' || column === 'annual' || column === 'executed';
    if (!amount && !(column === 'score' && key === 'total')) return;
    const n = cellNumber(token.text);
    if (!n) return;
    const value = column === 'score' ? n.value : amountIn(n, unit).value;
    row[column] = value;
    const path = `funding.${key}.${column}`;
    if (short)
      report.infer(
        path,
        value,
        `${lineRef(token)}该行只有${values.length}个值（表头${columns.length}列），按执行率的位置对齐`,
      );
    else report.took(path, lineRef(token), value);
  });
  if (short && key === 'total') {
    for (const c of ['initial', 'annual', 'executed'] as const) {
      if (columns.includes(c) && row[c] === null) report.infer(`funding.total.${c}`, null, '该行缺少此列的值，留空');
    }
  }
  return row;
}

function readWeight(values: Token[], columns: Column[], funding: Funding, report: ReportBuilder): void {
  const placed = placeValues(
    values.map((t) => t.text),
    columns,
  );
  const at = placed.indexOf('weight');
  const n = at >= 0 ? cellNumber(values[at]!.text) : null;
  if (!n) return;
  funding.weight = n.value;
  report.took('funding.weight', lineRef(values[at]), n.value);
}
