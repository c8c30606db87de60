/** Builds a minimal valid form around rows, to score one 指标 at a time. */
import {
  parseForm,
  scoreForm,
  type Form,
  type FormInput,
  type IndicatorResult,
  type ReportIssue,
  type ScoreReport,
} from '../../src/core/index.js';

type RowInput = FormInput['indicators'][number];

/** A form of `rows` with a fully executed budget. */
export function formWith(rows: Partial<RowInput>[], extra: Partial<FormInput> = {}): Form {
  return parseForm({
    year: 2022,
    project: { name: '测试项目' },
    funding: { unit: '万元', weight: 10, total: { initial: 100, annual: 100, executed: 100, score: null } },
    indicators: rows.map((r) => ({ level1: '产出指标', level2: '数量指标', name: '测试指标', weight: 10, ...r })),
    ...extra,
  });
}

/** Scores one row and returns its result and the issues on its cells. */
export function scoreOne(
  row: Partial<RowInput>,
  options: { profile?: string; year?: number } = {},
): IndicatorResult & { issues: ReportIssue[] } {
  const report: ScoreReport = scoreForm(formWith([row], options.year ? { year: options.year } : {}), {
    profile: options.profile,
  });
  return { ...report.indicators[0]!, issues: report.issues.filter((i) => i.path.startsWith('indicators.0.')) };
}

/** The codes of the issues in a list. */
export const codes = (issues: ReportIssue[]): string[] => issues.map((i) => i.code);
