/**
 * The reviewer's check (issue #13): every narrative cell of a form as written, whoever wrote it,
 * with each finding's path and span. Behind `ziping check`, `POST /api/check` and the report issues.
 */
import { buildFacts, factsOf } from '../../facts/form-facts.js';
import type { FormFacts } from '../../facts/types.js';
import { defaultMaxChars } from '../../narratives/max-chars.js';
import { eachNarrativeText, narrativePathAt, narrativePathsOf, narrativeTextAt } from '../../narratives/paths.js';
import type { RowCells } from '../../parse/row-cells.js';
import type { Form, NarrativePath } from '../../schema/form.js';
import type { ReportIssue, ScoreReport } from '../../schema/report.js';
import { checkNarrative, reportedIssuesAt } from './check-narrative.js';
import { CellFigures } from './cell-figures.js';
import type { CellSource } from './figures.js';
import { readTable, type TableFacts } from './table-facts.js';
import { CONTRADICTIONS, type CheckIssue, type CheckIssueCode, type DraftChecks } from './types.js';

export interface NarrativeFinding {
  path: NarrativePath;
  code: CheckIssueCode;
  /** error: contradicts the table or leaves a placeholder; warning: cannot be traced or reads badly. */
  severity: 'error' | 'warning';
  message: string;
  span?: [number, number];
  /** The text the span covers. */
  excerpt?: string;
}

export interface CellCheck {
  path: NarrativePath;
  text: string;
  checks: DraftChecks;
}

const ERRORS = new Set<CheckIssueCode>([...CONTRADICTIONS, 'placeholder_left']);

/** Checks one cell's text as written. */
export function checkCellAsWritten(facts: FormFacts, path: NarrativePath, text: string): CellCheck {
  return {
    path,
    text,
    checks: checkNarrative(text, { facts, path, maxChars: defaultMaxChars(path), asWritten: true }),
  };
}

/** The findings of checked cells, in cell order. */
export function findingsOf(cells: readonly CellCheck[]): NarrativeFinding[] {
  return cells.flatMap((cell) =>
    cell.checks.issues.map((i) => ({
      path: cell.path,
      code: i.code,
      severity: ERRORS.has(i.code) ? ('error' as const) : ('warning' as const),
      message: i.message,
      ...(i.span ? { span: i.span, excerpt: cell.text.slice(...i.span) } : {}),
    })),
  );
}

/** Every non-empty narrative cell of `form` as written (scored in `report`). */
export function checkFormNarratives(form: Form, report: ScoreReport): CellCheck[] {
  const facts = factsOf(form, report);
  return narrativePathsOf(form)
    .map((path) => ({ path, text: narrativeTextAt(form, path) }))
    .filter((cell) => cell.text.trim() !== '')
    .map((cell) => checkCellAsWritten(facts, cell.path, cell.text));
}

/**
 * What the report's narrative checks of one report share, owned by that one pass and kept by
 * nothing after it: the form's facts and their table, made when a cell first has a figure to compare
 * (a form whose narratives name no figure builds neither), and each cell's figures made on them.
 */
class ReportFigures implements CellSource {
  private facts: FormFacts | null = null;
  private table: TableFacts | null = null;

  constructor(
    private readonly form: Form,
    private readonly report: ScoreReport,
    private readonly cells: readonly (RowCells | undefined)[] | undefined,
  ) {}

  cell(row: number | null): CellFigures {
    this.facts ??= buildFacts(this.form, this.report, { cells: this.cells });
    this.table ??= readTable(this.facts);
    return new CellFigures(this.facts, row, this.table);
  }
}

/**
 * Report issues from the narratives: a left 〔待补充〕 and a figure that contradicts the table (the
 * findings of `checkFormNarratives` of severity error, found without the checks that only warn).
 * `cells`: each row's cells as the scorer read them (read again when absent).
 */
export function narrativeReportIssues(
  form: Form,
  report: ScoreReport,
  cells?: readonly (RowCells | undefined)[],
): ReportIssue[] {
  const figures = new ReportFigures(form, report, cells);
  const out: ReportIssue[] = [];
  eachNarrativeText(form, (text, row) => {
    if (text.trim() !== '') reportCell(out, row, reportedIssuesAt(text, row, figures));
  });
  return out;
}

/** The report issues of a cell (row null: 实际完成情况) among its checks' `issues`, pushed onto `out`. */
function reportCell(out: ReportIssue[], row: number | null, issues: readonly CheckIssue[]): void {
  for (const i of issues) {
    if (!ERRORS.has(i.code)) continue;
    const code = i.code === 'placeholder_left' ? 'narrative-placeholder' : 'narrative-contradicts-table';
    out.push({ severity: 'warning', path: narrativePathAt(row), code, message: i.message });
  }
}
