/**
 * Core's narrative checks (src/core/checks/narrative) run in the page on whatever is in a
 * narrative cell: figures that cannot be traced or contradict the table, invented causes,
 * placeholders, register, the character limit. The same code checks model drafts on the server
 * and `ziping check`, so the page and the service never disagree.
 */
import type { CheckIssueCode } from '../core/checks/narrative/types.js';
import type { Form, NarrativePath, ScoreReport } from '../core/index.js';
import { PLACEHOLDER } from '../core/narrative/placeholders.js';
import { defaultMaxChars } from '../core/narratives/max-chars.js';
import { checkDraft } from '../drafting/checks.js';
import type { DraftChecks } from '../drafting/types.js';
import { countChars } from '../core/narrative/format.js';
import type { CellChecks, Mark, MarkKind } from './text-marks.js';
import { isNarrativePath, narrativeRowIndex } from '../core/narratives/paths.js';

/** The mark drawn for each finding that has a place in the text. */
const MARK_OF: Partial<Record<CheckIssueCode, MarkKind>> = {
  unknown_number: 'unknown-number',
  wrong_figure: 'unknown-number',
  unit_mismatch: 'unknown-number',
  swapped: 'unknown-number',
  too_long: 'too-long',
  first_person: 'first-person',
  english: 'first-person',
  markdown: 'first-person',
  preamble: 'first-person',
  invented_cause: 'cause',
};

/**
 * The form without the text of one cell. The drafting checks accept numbers from a cell's
 * original text (a model may repeat what the user wrote); a text checked where it stands would
 * vouch for its own numbers, so it is checked against the rest of the form.
 */
export function withoutCell(form: Form, path: string): Form {
  if (!isNarrativePath(path)) return form;
  const row = narrativeRowIndex(path);
  if (row === null) return { ...form, goals: { ...form.goals, actual: '' } };
  if (!form.indicators[row]) return form;
  const indicators = form.indicators.slice();
  indicators[row] = { ...indicators[row]!, deviation: '' };
  return { ...form, indicators };
}

/**
 * Checks the text of a cell against the form as it is now. `asProposal` checks a proposed
 * replacement the way the service does, with the cell's current text counting as a source.
 */
export function checkCell(
  text: string,
  form: Form,
  report: ScoreReport,
  path: string,
  options: { maxChars?: number; asProposal?: boolean } = {},
): CellChecks {
  const maxChars = options.maxChars ?? defaultMaxChars(path);
  const marks: Mark[] = [];
  const notes: string[] = [];
  let checks: DraftChecks | null = null;
  try {
    checks = checkDraft(text, {
      form: options.asProposal ? form : withoutCell(form, path),
      report,
      path: path as NarrativePath,
      maxChars,
      asWritten: !options.asProposal,
    });
  } catch {
    // A cell the scored form does not have yet (a row being added): count characters only.
  }
  for (const m of text.matchAll(PLACEHOLDER)) {
    marks.push({ kind: 'placeholder', start: m.index, end: m.index + m[0].length, title: '待补充的内容' });
  }
  if (checks) {
    for (const issue of checks.issues) {
      const kind = MARK_OF[issue.code];
      if (kind && issue.span) marks.push({ kind, start: issue.span[0], end: issue.span[1], title: issue.message });
      else if (!issue.span && issue.code !== 'empty') notes.push(issue.message);
    }
  }
  return {
    checks,
    marks,
    length: checks?.length ?? countChars(text),
    maxChars: checks?.maxChars ?? maxChars,
    notes,
  };
}
