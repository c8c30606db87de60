/**
 * The 自评报告's prose through the checks every draft gets (src/core/checks/narrative): each
 * section, built-in or model-written, is checked as a text about the whole form (the scope of
 * 实际完成情况: every row, the funding, the totals), so an invented figure, a figure in the wrong
 * unit or role, or a cause no cell of the form gives is caught. Completeness checks (a missing
 * fact, cause or measure) belong to the form's cells, not to a report section, and are not run.
 */
import { checkNarrative, type CheckIssue, type CheckIssueCode, type Known } from '../../core/checks/narrative/index.js';
import { factsOf } from '../../core/facts/index.js';
import type { Form, ScoreReport } from '../../core/index.js';
import { readQuantities } from '../../core/narrative/quantities.js';
import type { ProseSection } from './report-prose.js';

/** What a report section is checked for (check-narrative.ts codes). */
const REPORT_CHECKS: ReadonlySet<CheckIssueCode> = new Set([
  'unknown_number',
  'wrong_figure',
  'unit_mismatch',
  'swapped',
  'invented_cause',
  'first_person',
  'english',
  'markdown',
  'preamble',
]);

/** A section's text for the checks: the numbering of its list (`3.`) is structure, not a figure. */
export function sectionText(section: ProseSection): string {
  return section.parts
    .flatMap((p) => p.paragraphs)
    .map((p) => p.replace(/^\d{1,4}\./, ''))
    .join('\n');
}

/**
 * Figures of the built-in prose, scores included (a chat source leaves scores out: a score comes
 * from the scorer, and here the built-in prose states the scorer's own: 满分, 得分, 自评总分).
 */
function builtinKnowns(builtin: ProseSection): Known[] {
  // Once per value and unit: a long form repeats its figures, and each known is compared with each figure
  const seen = new Map<string, Known>();
  for (const q of readQuantities(sectionText(builtin), { claims: false })) {
    const key = `${q.value}|${q.unit?.label ?? ''}`;
    if (!seen.has(key)) seen.set(key, { value: q.value, unit: q.unit, source: '内置报告文字', origin: 'text' });
  }
  return [...seen.values()];
}

/**
 * The issues of one section's text. `builtin` is the built-in prose of the same section: built
 * deterministically from the form and its report, its figures (counts, 满分, amounts as printed)
 * and causes (the form's own 偏差 texts) may be restated, as a user's chat may be in a draft.
 */
export function checkSection(
  section: ProseSection,
  builtin: ProseSection,
  form: Form,
  report: ScoreReport,
): CheckIssue[] {
  const checks = checkNarrative(sectionText(section), {
    facts: factsOf(form, report),
    path: 'goals.actual',
    maxChars: 100_000,
    chat: [sectionText(builtin)],
    extra: builtinKnowns(builtin),
  });
  return checks.issues.filter((i) => REPORT_CHECKS.has(i.code));
}
