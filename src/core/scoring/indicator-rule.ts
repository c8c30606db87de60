/**
 * The rule score of one indicator row: parses its 年度指标值 and 实际完成值 and sends it to the
 * quantitative, deadline or qualitative scorer. Whatever cannot be read is reported on its cell.
 */
import { fixed } from '../decimal.js';
import { fixedText, num, ZERO } from '../fast-decimal.js';
import type { ParsedActual } from '../parse/actual-parser.js';
import { dateKey, formatDate, type MonthDate } from '../parse/deadline.js';
import { compareLevels } from '../parse/qualitative.js';
import type { RowCells } from '../parse/row-cells.js';
import type { ParsedTarget } from '../parse/target-parser.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Grade, Indicator } from '../schema/form.js';
import type { ReportIssue } from '../schema/report.js';
import { bandOf, bandsOf, describeBand, gradeOfScore, pointOf } from './qualitative-score.js';
import { scoreQuantitative, scoreRange } from './quantitative-score.js';
import { outcome, type RowOutcome } from './row-outcome.js';

const issue = (severity: ReportIssue['severity'], path: string, code: string, message: string): ReportIssue => ({
  severity,
  path,
  code,
  message,
});

/** A scorable row (it has a 分值) and the notes its target's reading left. */
interface RuleRow {
  row: Indicator;
  weight: number;
  profile: RuleProfile;
  parseIssues: ReportIssue[];
}

type NumberTarget = Extract<ParsedTarget, { kind: 'number' | 'range' }>;
type QualitativeKind = 'qualitative' | 'deadline';

/** Qualitative scoring once a grade is known (or the self score stands for one). */
function qualitative(
  { row, weight, profile }: RuleRow,
  grade: Grade | null,
  why: string,
  base: Pick<Partial<RowOutcome>, 'issues' | 'flags'> = {},
  kind: QualitativeKind = 'qualitative',
): RowOutcome {
  const qual = profile.settings.qual;
  const prefix = kind === 'deadline' ? '时效指标' : '定性指标';
  if (!grade && row.score != null) {
    const bands = bandsOf(weight, qual);
    const g = gradeOfScore(row.score, bands);
    const band = bands[g];
    return outcome(kind, {
      issues: base.issues,
      flags: base.flags,
      ruleScore: pointOf(g, weight, qual),
      grade: g,
      band,
      explanation: `${prefix}，${why}未选达成等级，自评${row.score}分落在“${g}”区间（${describeBand(band)}）`,
    });
  }
  if (!grade) return gradeMissing(prefix, why, base, kind);
  const band = bandOf(grade, weight, qual);
  const point = pointOf(grade, weight, qual);
  return outcome(kind, {
    issues: base.issues,
    ruleScore: point,
    grade,
    band,
    flags: [...(base.flags ?? []), ...(grade === '达成' ? [] : (['target-missed'] as const))],
    explanation: `${prefix}，${why}评为“${grade}”（区间${describeBand(band)}），规则取${fixedText(point)}分`,
  });
}

/** No grade and no self score: nothing to score by until one is chosen. */
function gradeMissing(
  prefix: string,
  why: string,
  base: Pick<Partial<RowOutcome>, 'issues' | 'flags'>,
  kind: QualitativeKind,
): RowOutcome {
  return outcome(kind, {
    flags: base.flags,
    explanation: `${prefix}，${why}无法判断达成等级，请选择“达成 / 部分达成 / 未达成”`,
    issues: [
      ...(base.issues ?? []),
      issue(
        'error',
        'indicators.{i}.grade',
        'grade-missing',
        '定性指标需选择达成等级（达成 / 部分达成 / 未达成）或填写自评得分',
      ),
    ],
  });
}

/**
 * The rule outcome for row `index` from its cells as read (`readRowCells`); issue paths are filled
 * in for that row.
 */
export function scoreIndicatorRule(row: Indicator, index: number, profile: RuleProfile, cells: RowCells): RowOutcome {
  const result = ruleFor(row, profile, cells);
  const at = String(index);
  for (const i of result.issues) i.path = i.path.replace('{i}', at);
  return result;
}

/** Target kinds a chosen grade decides (scoring-rules.md §3.4: 定性指标 are graded by a person). */
const GRADED_TARGETS = new Set<ParsedTarget['kind']>(['level', 'scale-list', 'text', 'empty', 'placeholder']);

function ruleFor(row: Indicator, profile: RuleProfile, { target, actual }: RowCells): RowOutcome {
  const weight = row.weight;
  if (weight == null) {
    return outcome('unscorable', {
      explanation: '未填分值，无法计分',
      issues: [issue('error', 'indicators.{i}.weight', 'weight-missing', '缺少分值')],
    });
  }
  const rule: RuleRow = { row, weight, profile, parseIssues: signAssumed(row, target, profile) };
  // A grade chosen by the user decides qualitative rows, whatever the cells say
  if (row.grade && GRADED_TARGETS.has(target.kind)) {
    return qualitative(rule, row.grade, '', { issues: rule.parseIssues });
  }
  // The same test as isBlank(row.actual): the reader returns these two for a blank cell
  if (actual.kind === 'empty' || actual.kind === 'placeholder') return actualMissing(rule, target);
  switch (target.kind) {
    case 'empty':
    case 'placeholder':
      return outcome('unscorable', {
        explanation: '年度指标值缺失，无法按规则计分',
        issues: [issue('warning', 'indicators.{i}.target', 'target-missing', '年度指标值未填写，无法按规则计分')],
      });
    case 'number':
    case 'range':
      return numberRule(rule, target, actual);
    case 'deadline':
      return deadlineRule(rule, target.date, actual);
    case 'level':
    case 'scale-list':
    case 'text':
      return levelRule(rule, target, actual);
  }
}

/** A number target without a sign is read as the profile says, and the reader is told (§9.7). */
function signAssumed(row: Indicator, target: ParsedTarget, profile: RuleProfile): ReportIssue[] {
  if (target.kind !== 'number' || !target.signAssumed) return [];
  const sign = profile.settings.quant.unsignedAs === 'ge' ? '≥' : '=';
  const message = `指标值“${row.target}”未写比较符号，按“${sign}”理解`;
  return [issue('info', 'indicators.{i}.target', 'target-sign-assumed', message)];
}

/** A blank 实际完成值 scores 0 (scoring-rules.md §9.3). */
function actualMissing({ parseIssues }: RuleRow, target: ParsedTarget): RowOutcome {
  const kind =
    target.kind === 'deadline'
      ? 'deadline'
      : target.kind === 'number' || target.kind === 'range'
        ? kindOfSign(target)
        : 'qualitative';
  return outcome(kind, {
    ruleScore: ZERO,
    explanation: '实际完成值缺失，得0分',
    flags: ['actual-missing'],
    issues: [...parseIssues, issue('error', 'indicators.{i}.actual', 'actual-missing', '实际完成值未填写')],
  });
}

/** A number or range target against whatever the actual holds. */
function numberRule(rule: RuleRow, target: NumberTarget, actual: ParsedActual): RowOutcome {
  const { row, parseIssues } = rule;
  if (actual.kind === 'number') return numberAgainstNumber(rule, target, actual);
  if (actual.kind === 'unit-conflict') {
    const units = `实际完成值单位“${actual.quantity.unit?.label}”与指标值单位“${actual.expected.label}”不一致`;
    return outcome(kindOfSign(target), {
      explanation: `${units}，无法计分`,
      flags: ['unit-conflict'],
      issues: [...parseIssues, issue('error', 'indicators.{i}.actual', 'unit-conflict', units)],
    });
  }
  if (actual.kind === 'grade') {
    // "完成" for "≤30万元" (大英), "达成预期指标" for a count (池州): scored as a grade, not a number
    const message = `指标值是数值“${row.target}”，实际完成值却写“${actual.word}”，应填写实际数值`;
    return qualitative(rule, actual.grade, `实际完成值“${actual.word}”不是数值，按定性`, {
      issues: [...parseIssues, issue('warning', 'indicators.{i}.actual', 'actual-not-numeric', message)],
    });
  }
  const reason =
    actual.kind === 'ambiguous' ? actual.reason : `无法从实际完成值“${short(row.actual)}”读出与指标值对应的数值`;
  return outcome(kindOfSign(target), {
    explanation: reason,
    issues: [...parseIssues, issue('error', 'indicators.{i}.actual', 'actual-unreadable', reason)],
  });
}

type NumberActual = Extract<ParsedActual, { kind: 'number' }>;

/** Both cells numbers: the quantitative or range rule, with notes on how the actual was read. */
function numberAgainstNumber(rule: RuleRow, target: NumberTarget, actual: NumberActual): RowOutcome {
  const { row, weight, profile, parseIssues } = rule;
  const settings = profile.settings;
  const result =
    target.kind === 'number'
      ? scoreQuantitative({ sign: target.sign, target: target.quantity, actual: actual.quantity, weight, settings })
      : scoreRange(target.low, target.high, actual.quantity, weight);
  if (actual.signRepeated) result.flags.push('actual-copied-sign');
  result.issues.push(...parseIssues, ...actualNotes(row, actual));
  return result;
}

/** What the reader assumed of a number actual: a copied sign, a fraction read as %, a number picked. */
function actualNotes(row: Indicator, actual: NumberActual): ReportIssue[] {
  const notes: ReportIssue[] = [];
  const at = 'indicators.{i}.actual';
  if (actual.signRepeated) {
    const message = `实际完成值“${row.actual}”带比较符号，应填写实际测得的数值，而不是照抄指标值`;
    notes.push(issue('warning', at, 'actual-has-sign', message));
  }
  if (actual.fractionAsPercent) {
    const message = `实际完成值“${row.actual}”按百分比${actual.quantity.value}%理解`;
    notes.push(issue('info', at, 'actual-fraction-as-percent', message));
  }
  if (actual.picked) {
    notes.push(issue('info', at, 'actual-number-picked', `从实际完成值中取“${actual.quantity.raw}”与指标值比较`));
  }
  return notes;
}

/** 时效指标 (scoring-rules.md §3.7): on time full, late per the profile, no date graded by the self score. */
function deadlineRule(rule: RuleRow, deadline: MonthDate, actual: ParsedActual): RowOutcome {
  const { row, weight } = rule;
  if (actual.kind === 'date') {
    const head = `时效指标，期限${formatDate(deadline)}${deadline.day ? '' : '底'}前，实际${formatDate(actual.date)}`;
    if (dateKey(actual.date) > dateKey(deadline)) return late(rule, `${head}，逾期`);
    return outcome('deadline', { ruleScore: num(weight), explanation: `${head}，按期完成，得满分${fixed(weight)}` });
  }
  if (actual.kind === 'grade') {
    if (actual.grade !== '达成') return late(rule, `时效指标，实际“${actual.word}”，`);
    return outcome('deadline', {
      ruleScore: num(weight),
      explanation: `时效指标，期限${formatDate(deadline)}前，实际“${actual.word}”，按期完成，得满分${fixed(weight)}`,
    });
  }
  const message = '时效指标的实际完成值应写明完成时间（如“2022年12月”）';
  const why = `实际完成值“${short(row.actual)}”中没有完成时间，`;
  const issues = [issue('warning', 'indicators.{i}.actual', 'actual-unreadable', message)];
  return qualitative(rule, null, why, { issues }, 'deadline');
}

/** Level, scale-list and text targets: the actual's level or grade word decides (§4 [I]). */
function levelRule(rule: RuleRow, target: ParsedTarget, actual: ParsedActual): RowOutcome {
  let grade: Grade | null = null;
  let why = '';
  if (actual.kind === 'level') {
    grade = compareLevels(target.kind === 'level' ? target.level : null, actual.level);
    why = `指标值“${rule.row.target}”，实际“${actual.level.word}”，`;
  } else if (actual.kind === 'grade') {
    grade = actual.grade;
    why = `实际“${actual.word}”，`;
  } else if (actual.kind === 'number' || actual.kind === 'text' || actual.kind === 'ambiguous') {
    why = '实际完成值为描述性文字，';
  }
  return qualitative(rule, grade, why, { issues: rule.parseIssues });
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
function late(rule: RuleRow, head: string): RowOutcome {
  const how = rule.profile.settings.time.late;
  if (how === 'zero') return outcome('deadline', { ruleScore: ZERO, explanation: `${head}，得0分`, flags: ['late'] });
  if (how === 'manual') {
    return outcome('deadline', {
      ruleScore: ZERO,
      explanation: `${head}，需人工核定`,
      flags: ['late', 'manual-review'],
      manual: true,
    });
  }
  return qualitative(rule, '部分达成', `${head}，`, { flags: ['late'] }, 'deadline');
}

function short(text: string | null | undefined): string {
  const t = (text ?? '').trim();
  return t.length > 20 ? `${t.slice(0, 20)}…` : t;
}
