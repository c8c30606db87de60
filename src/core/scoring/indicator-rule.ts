/**
 * The rule score of one indicator row: parses its 年度指标值 and 实际完成值 and sends it to the
 * quantitative, deadline or qualitative scorer. Whatever cannot be read is reported on its cell.
 */
import { fixed } from '../decimal.js';
import { fixedText, ZERO } from '../fast-decimal.js';
import type { ParsedActual } from '../parse/actual-parser.js';
import { dateKey, formatDate, type MonthDate } from '../parse/deadline.js';
import { compareLevels } from '../parse/qualitative.js';
import type { RowCells } from '../parse/row-cells.js';
import type { ParsedTarget } from '../parse/target-parser.js';
import type { Flag } from '../schema/flags.js';
import type { Grade } from '../schema/form.js';
import { bandOf, bandOfScore, describeBand, pointOf } from './qualitative-score.js';
import { scoreQuantitative, scoreRange } from './quantitative-score.js';
import { note, type RowContext, wOf } from './row-context.js';
import { outcome, type RowOutcome } from './row-outcome.js';

type NumberTarget = Extract<ParsedTarget, { kind: 'number' | 'range' }>;
type QualitativeKind = 'qualitative' | 'deadline';

/** Qualitative scoring once a grade is known (or the self score stands for one); `flags`: the row's so far. */
function qualitative(
  ctx: RowContext,
  grade: Grade | null,
  why: string,
  flags: Flag[] = [],
  kind: QualitativeKind = 'qualitative',
): RowOutcome {
  const prefix = kind === 'deadline' ? '时效指标' : '定性指标';
  const self = ctx.row.score;
  if (!grade && self != null) {
    const band = bandOfScore(self, wOf(ctx), ctx.nums);
    const explanation = `${prefix}，${why}未选达成等级，自评${self}分落在“${band.grade}”区间（${describeBand(band)}）`;
    return graded(outcome(kind, pointOf(band.grade, wOf(ctx), ctx.nums), explanation, flags), band.grade, band);
  }
  if (!grade) return gradeMissing(ctx, prefix, why, flags, kind);
  const band = bandOf(grade, wOf(ctx), ctx.nums);
  const point = pointOf(grade, wOf(ctx), ctx.nums);
  if (grade !== '达成') flags.push('target-missed');
  const explanation = `${prefix}，${why}评为“${grade}”（区间${describeBand(band)}），规则取${fixedText(point)}分`;
  return graded(outcome(kind, point, explanation, flags), grade, band);
}

/** `result` with its grade and band set. */
function graded(result: RowOutcome, grade: Grade, band: RowOutcome['band']): RowOutcome {
  result.grade = grade;
  result.band = band;
  return result;
}

/** No grade and no self score: nothing to score by until one is chosen. */
function gradeMissing(ctx: RowContext, prefix: string, why: string, flags: Flag[], kind: QualitativeKind) {
  note(ctx, 'error', 'grade', 'grade-missing', '定性指标需选择达成等级（达成 / 部分达成 / 未达成）或填写自评得分');
  return outcome(kind, null, `${prefix}，${why}无法判断达成等级，请选择“达成 / 部分达成 / 未达成”`, flags);
}

/** Target kinds a chosen grade decides (scoring-rules.md §3.4: 定性指标 are graded by a person). */
const GRADED_TARGETS = new Set<ParsedTarget['kind']>(['level', 'scale-list', 'text', 'empty', 'placeholder']);

/**
 * The rule outcome of the row `ctx` is at, from its cells as read (`readRowCells`); its issues go
 * onto the report in the order the rules meet them.
 */
export function scoreIndicatorRule(ctx: RowContext, { target, actual }: RowCells): RowOutcome {
  const row = ctx.row;
  if (row.weight == null) {
    note(ctx, 'error', 'weight', 'weight-missing', '缺少分值');
    return outcome('unscorable', null, '未填分值，无法计分', []);
  }
  signAssumed(ctx, target);
  // A grade chosen by the user decides qualitative rows, whatever the cells say
  if (row.grade && GRADED_TARGETS.has(target.kind)) return qualitative(ctx, row.grade, '');
  // The same test as isBlank(row.actual): the reader returns these two for a blank cell
  if (actual.kind === 'empty' || actual.kind === 'placeholder') return actualMissing(ctx, target);
  switch (target.kind) {
    case 'empty':
    case 'placeholder':
      note(ctx, 'warning', 'target', 'target-missing', '年度指标值未填写，无法按规则计分');
      return outcome('unscorable', null, '年度指标值缺失，无法按规则计分', []);
    case 'number':
    case 'range':
      return numberRule(ctx, target, actual);
    case 'deadline':
      return deadlineRule(ctx, target.date, actual);
    case 'level':
    case 'scale-list':
    case 'text':
      return levelRule(ctx, target, actual);
  }
}

/** A number target without a sign is read as the profile says, and the reader is told (§9.7). */
function signAssumed(ctx: RowContext, target: ParsedTarget): void {
  if (target.kind !== 'number' || !target.signAssumed) return;
  const sign = ctx.profile.settings.quant.unsignedAs === 'ge' ? '≥' : '=';
  note(ctx, 'info', 'target', 'target-sign-assumed', `指标值“${ctx.row.target}”未写比较符号，按“${sign}”理解`);
}

/** A blank 实际完成值 scores 0 (scoring-rules.md §9.3). */
function actualMissing(ctx: RowContext, target: ParsedTarget): RowOutcome {
  const kind =
    target.kind === 'deadline'
      ? 'deadline'
      : target.kind === 'number' || target.kind === 'range'
        ? kindOfSign(target)
        : 'qualitative';
  note(ctx, 'error', 'actual', 'actual-missing', '实际完成值未填写');
  return outcome(kind, ZERO, '实际完成值缺失，得0分', ['actual-missing']);
}

/** A number or range target against whatever the actual holds. */
function numberRule(ctx: RowContext, target: NumberTarget, actual: ParsedActual): RowOutcome {
  if (actual.kind === 'number') return numberAgainstNumber(ctx, target, actual);
  if (actual.kind === 'unit-conflict') {
    const units = `实际完成值单位“${actual.quantity.unit?.label}”与指标值单位“${actual.expected.label}”不一致`;
    note(ctx, 'error', 'actual', 'unit-conflict', units);
    return outcome(kindOfSign(target), null, `${units}，无法计分`, ['unit-conflict']);
  }
  if (actual.kind === 'grade') {
    // "完成" for "≤30万元" (大英), "达成预期指标" for a count (池州): scored as a grade, not a number
    const message = `指标值是数值“${ctx.row.target}”，实际完成值却写“${actual.word}”，应填写实际数值`;
    note(ctx, 'warning', 'actual', 'actual-not-numeric', message);
    return qualitative(ctx, actual.grade, `实际完成值“${actual.word}”不是数值，按定性`);
  }
  const reason =
    actual.kind === 'ambiguous' ? actual.reason : `无法从实际完成值“${short(ctx.row.actual)}”读出与指标值对应的数值`;
  note(ctx, 'error', 'actual', 'actual-unreadable', reason);
  return outcome(kindOfSign(target), null, reason, []);
}

type NumberActual = Extract<ParsedActual, { kind: 'number' }>;

/** Both cells numbers: the quantitative or range rule, with notes on how the actual was read. */
function numberAgainstNumber(ctx: RowContext, target: NumberTarget, actual: NumberActual): RowOutcome {
  const result =
    target.kind === 'number'
      ? scoreQuantitative(ctx, target.sign, target.quantity, actual.quantity)
      : scoreRange(ctx, target.low, target.high, actual.quantity);
  if (actual.signRepeated) result.flags.push('actual-copied-sign');
  actualNotes(ctx, actual);
  return result;
}

/** What the reader assumed of a number actual: a copied sign, a fraction read as %, a number picked. */
function actualNotes(ctx: RowContext, actual: NumberActual): void {
  if (actual.signRepeated) {
    const message = `实际完成值“${ctx.row.actual}”带比较符号，应填写实际测得的数值，而不是照抄指标值`;
    note(ctx, 'warning', 'actual', 'actual-has-sign', message);
  }
  if (actual.fractionAsPercent) {
    const message = `实际完成值“${ctx.row.actual}”按百分比${actual.quantity.value}%理解`;
    note(ctx, 'info', 'actual', 'actual-fraction-as-percent', message);
  }
  if (actual.picked) {
    note(ctx, 'info', 'actual', 'actual-number-picked', `从实际完成值中取“${actual.quantity.raw}”与指标值比较`);
  }
}

/** 时效指标 (scoring-rules.md §3.7): on time full, late per the profile, no date graded by the self score. */
function deadlineRule(ctx: RowContext, deadline: MonthDate, actual: ParsedActual): RowOutcome {
  if (actual.kind === 'date') {
    const head = `时效指标，期限${formatDate(deadline)}${deadline.day ? '' : '底'}前，实际${formatDate(actual.date)}`;
    if (dateKey(actual.date) > dateKey(deadline)) return late(ctx, `${head}，逾期`);
    return outcome('deadline', wOf(ctx), `${head}，按期完成，得满分${fixed(ctx.row.weight ?? 0)}`, []);
  }
  if (actual.kind === 'grade') {
    if (actual.grade !== '达成') return late(ctx, `时效指标，实际“${actual.word}”，`);
    const head = `时效指标，期限${formatDate(deadline)}前，实际“${actual.word}”`;
    return outcome('deadline', wOf(ctx), `${head}，按期完成，得满分${fixed(ctx.row.weight ?? 0)}`, []);
  }
  note(ctx, 'warning', 'actual', 'actual-unreadable', '时效指标的实际完成值应写明完成时间（如“2022年12月”）');
  return qualitative(ctx, null, `实际完成值“${short(ctx.row.actual)}”中没有完成时间，`, [], 'deadline');
}

/** Level, scale-list and text targets: the actual's level or grade word decides (§4 [I]). */
function levelRule(ctx: RowContext, target: ParsedTarget, actual: ParsedActual): RowOutcome {
  let grade: Grade | null = null;
  let why = '';
  if (actual.kind === 'level') {
    grade = compareLevels(target.kind === 'level' ? target.level : null, actual.level);
    why = `指标值“${ctx.row.target}”，实际“${actual.level.word}”，`;
  } else if (actual.kind === 'grade') {
    grade = actual.grade;
    why = `实际“${actual.word}”，`;
  } else if (actual.kind === 'number' || actual.kind === 'text' || actual.kind === 'ambiguous') {
    why = '实际完成值为描述性文字，';
  }
  return qualitative(ctx, grade, why);
}

function kindOfSign(target: ParsedTarget): 'positive' | 'reverse' | 'equal' | 'range' {
  if (target.kind === 'range') return 'range';
  if (target.kind !== 'number') return 'equal';
  return target.sign === 'ge' || target.sign === 'gt'
    ? 'positive'
    : target.sign === 'le' || target.sign === 'lt'
      ? 'reverse'
      : 'equal';
}

/** A missed deadline under the profile's rule (scoring-rules.md §3.7 [I]). */
function late(ctx: RowContext, head: string): RowOutcome {
  const how = ctx.profile.settings.time.late;
  if (how === 'zero') return outcome('deadline', ZERO, `${head}，得0分`, ['late']);
  if (how === 'manual') {
    const result = outcome('deadline', ZERO, `${head}，需人工核定`, ['late', 'manual-review']);
    result.manual = true;
    return result;
  }
  return qualitative(ctx, '部分达成', `${head}，`, ['late'], 'deadline');
}

function short(text: string | null | undefined): string {
  const t = (text ?? '').trim();
  return t.length > 20 ? `${t.slice(0, 20)}…` : t;
}
