/**
 * The rule score of one indicator row: parses its 年度指标值 and 实际完成值 and sends it to the
 * quantitative, deadline or qualitative scorer. Whatever cannot be read is reported on its cell.
 */
import { dec, fixed } from '../decimal.js';
import { dateKey, formatDate } from '../parse/deadline.js';
import { isBlank } from '../parse/placeholder.js';
import { compareLevels } from '../parse/qualitative.js';
import type { RowCells } from '../parse/row-cells.js';
import type { ParsedTarget } from '../parse/target-parser.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Grade, Indicator } from '../schema/form.js';
import type { ReportIssue } from '../schema/report.js';
import { bandOf, describeBand, gradeOfScore, pointOf } from './qualitative-score.js';
import { scoreQuantitative, scoreRange } from './quantitative-score.js';
import { outcome, type RowOutcome } from './row-outcome.js';

const issue = (severity: ReportIssue['severity'], path: string, code: string, message: string): ReportIssue => ({
  severity,
  path,
  code,
  message,
});

/** Qualitative scoring once a grade is known (or the self score stands for one). */
function qualitative(
  row: Indicator,
  weight: number,
  profile: RuleProfile,
  grade: Grade | null,
  why: string,
  base: Partial<RowOutcome> = {},
  kind: 'qualitative' | 'deadline' = 'qualitative',
): RowOutcome {
  const qual = profile.settings.qual;
  const prefix = kind === 'deadline' ? '时效指标' : '定性指标';
  if (!grade && row.score != null) {
    const g = gradeOfScore(row.score, weight, qual);
    const band = bandOf(g, weight, qual);
    return outcome(kind, {
      ...base,
      ruleScore: pointOf(g, weight, qual),
      grade: g,
      band,
      explanation: `${prefix}，${why}未选达成等级，自评${row.score}分落在“${g}”区间（${describeBand(band)}）`,
    });
  }
  if (!grade) {
    return outcome(kind, {
      ...base,
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
  const band = bandOf(grade, weight, qual);
  const point = pointOf(grade, weight, qual);
  return outcome(kind, {
    ...base,
    ruleScore: point,
    grade,
    band,
    flags: [...(base.flags ?? []), ...(grade === '达成' ? [] : ['target-missed'])],
    explanation: `${prefix}，${why}评为“${grade}”（区间${describeBand(band)}），规则取${fixed(point)}分`,
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

function ruleFor(row: Indicator, profile: RuleProfile, { target, actual }: RowCells): RowOutcome {
  const settings = profile.settings;
  const weight = row.weight;

  if (weight == null) {
    return outcome('unscorable', {
      explanation: '未填分值，无法计分',
      issues: [issue('error', 'indicators.{i}.weight', 'weight-missing', '缺少分值')],
    });
  }
  const parseIssues: ReportIssue[] = [];
  if (target.kind === 'number' && target.signAssumed) {
    parseIssues.push(
      issue(
        'info',
        'indicators.{i}.target',
        'target-sign-assumed',
        `指标值“${row.target}”未写比较符号，按“${settings.quant.unsignedAs === 'ge' ? '≥' : '='}”理解`,
      ),
    );
  }

  // A grade chosen by the user decides qualitative rows, whatever the cells say
  if (
    row.grade &&
    (target.kind === 'level' ||
      target.kind === 'scale-list' ||
      target.kind === 'text' ||
      target.kind === 'empty' ||
      target.kind === 'placeholder')
  ) {
    return qualitative(row, weight, profile, row.grade, '', { issues: parseIssues });
  }

  if (isBlank(row.actual)) {
    return outcome(
      target.kind === 'deadline'
        ? 'deadline'
        : target.kind === 'number' || target.kind === 'range'
          ? kindOfSign(target)
          : 'qualitative',
      {
        ruleScore: dec(0),
        explanation: '实际完成值缺失，得0分',
        flags: ['actual-missing'],
        issues: [...parseIssues, issue('error', 'indicators.{i}.actual', 'actual-missing', '实际完成值未填写')],
      },
    );
  }

  switch (target.kind) {
    case 'empty':
    case 'placeholder':
      return outcome('unscorable', {
        explanation: '年度指标值缺失，无法按规则计分',
        issues: [issue('warning', 'indicators.{i}.target', 'target-missing', '年度指标值未填写，无法按规则计分')],
      });

    case 'number':
    case 'range': {
      const kind = kindOfSign(target);
      if (actual.kind === 'number') {
        const result =
          target.kind === 'number'
            ? scoreQuantitative({
                sign: target.sign,
                target: target.quantity,
                actual: actual.quantity,
                weight,
                settings,
              })
            : scoreRange(target.low, target.high, actual.quantity, weight);
        const notes: ReportIssue[] = [...parseIssues];
        if (actual.signRepeated) {
          result.flags.push('actual-copied-sign');
          notes.push(
            issue(
              'warning',
              'indicators.{i}.actual',
              'actual-has-sign',
              `实际完成值“${row.actual}”带比较符号，应填写实际测得的数值，而不是照抄指标值`,
            ),
          );
        }
        if (actual.fractionAsPercent) {
          notes.push(
            issue(
              'info',
              'indicators.{i}.actual',
              'actual-fraction-as-percent',
              `实际完成值“${row.actual}”按百分比${actual.quantity.value}%理解`,
            ),
          );
        }
        if (actual.picked) {
          notes.push(
            issue(
              'info',
              'indicators.{i}.actual',
              'actual-number-picked',
              `从实际完成值中取“${actual.quantity.raw}”与指标值比较`,
            ),
          );
        }
        result.issues.push(...notes);
        return result;
      }
      if (actual.kind === 'unit-conflict') {
        return outcome(kind, {
          explanation: `实际完成值单位“${actual.quantity.unit?.label}”与指标值单位“${actual.expected.label}”不一致，无法计分`,
          flags: ['unit-conflict'],
          issues: [
            ...parseIssues,
            issue(
              'error',
              'indicators.{i}.actual',
              'unit-conflict',
              `实际完成值单位“${actual.quantity.unit?.label}”与指标值单位“${actual.expected.label}”不一致`,
            ),
          ],
        });
      }
      if (actual.kind === 'grade') {
        // "完成" for "≤30万元" (大英), "达成预期指标" for a count (池州): scored as a grade, not a number
        return qualitative(row, weight, profile, actual.grade, `实际完成值“${actual.word}”不是数值，按定性`, {
          issues: [
            ...parseIssues,
            issue(
              'warning',
              'indicators.{i}.actual',
              'actual-not-numeric',
              `指标值是数值“${row.target}”，实际完成值却写“${actual.word}”，应填写实际数值`,
            ),
          ],
        });
      }
      const reason =
        actual.kind === 'ambiguous' ? actual.reason : `无法从实际完成值“${short(row.actual)}”读出与指标值对应的数值`;
      return outcome(kind, {
        explanation: reason,
        issues: [...parseIssues, issue('error', 'indicators.{i}.actual', 'actual-unreadable', reason)],
      });
    }

    case 'deadline': {
      const deadline = target.date;
      if (actual.kind === 'date') {
        const onTime = dateKey(actual.date) <= dateKey(deadline);
        const head = `时效指标，期限${formatDate(deadline)}${deadline.day ? '' : '底'}前，实际${formatDate(actual.date)}`;
        if (onTime)
          return outcome('deadline', {
            ruleScore: dec(weight),
            explanation: `${head}，按期完成，得满分${fixed(weight)}`,
          });
        return late(row, weight, profile, `${head}，逾期`);
      }
      if (actual.kind === 'grade') {
        if (actual.grade === '达成')
          return outcome('deadline', {
            ruleScore: dec(weight),
            explanation: `时效指标，期限${formatDate(deadline)}前，实际“${actual.word}”，按期完成，得满分${fixed(weight)}`,
          });
        return late(row, weight, profile, `时效指标，实际“${actual.word}”，`);
      }
      return qualitative(
        row,
        weight,
        profile,
        null,
        `实际完成值“${short(row.actual)}”中没有完成时间，`,
        {
          issues: [
            issue(
              'warning',
              'indicators.{i}.actual',
              'actual-unreadable',
              '时效指标的实际完成值应写明完成时间（如“2022年12月”）',
            ),
          ],
        },
        'deadline',
      );
    }

    case 'level':
    case 'scale-list':
    case 'text': {
      let grade: Grade | null = null;
      let why = '';
      if (actual.kind === 'level') {
        grade = compareLevels(target.kind === 'level' ? target.level : null, actual.level);
        why = `指标值“${row.target}”，实际“${actual.level.word}”，`;
      } else if (actual.kind === 'grade') {
        grade = actual.grade;
        why = `实际“${actual.word}”，`;
      } else if (actual.kind === 'number' || actual.kind === 'text' || actual.kind === 'ambiguous') {
        why = '实际完成值为描述性文字，';
      }
      return qualitative(row, weight, profile, grade, why, { issues: parseIssues });
    }
  }
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
function late(row: Indicator, weight: number, profile: RuleProfile, head: string): RowOutcome {
  const rule = profile.settings.time.late;
  if (rule === 'zero')
    return outcome('deadline', { ruleScore: dec(0), explanation: `${head}，得0分`, flags: ['late'] });
  if (rule === 'manual') {
    return outcome('deadline', {
      ruleScore: dec(0),
      explanation: `${head}，需人工核定`,
      flags: ['late', 'manual-review'],
      manual: true,
    });
  }
  return qualitative(row, weight, profile, '部分达成', `${head}，`, { flags: ['late'] }, 'deadline');
}

function short(text: string | null | undefined): string {
  const t = (text ?? '').trim();
  return t.length > 20 ? `${t.slice(0, 20)}…` : t;
}
