/**
 * The checks every narrative passes through (issue #13): a draft from a model or the built-in
 * drafter, a revision, or a cell as a person wrote it (`ziping check`, POST /api/check, the page).
 * Pure; the same code runs on the server and in the page.
 */
import type { FormFacts } from '../../facts/types.js';
import { countChars, indexAfterChars } from '../../narrative/format.js';
import { placeholderMatches } from '../../narrative/placeholders.js';
import { narrativeRowIndex } from '../../narratives/paths.js';
import { isFillerText } from '../../parse/placeholder.js';
import type { NarrativePath } from '../../schema/form.js';
import { checkCauses } from './causes.js';
import { cellFigures } from './cell-figures.js';
import { type CellSource, checkFigures, figureContradictions } from './figures.js';
import { cellKnowns, type Known } from './knowns.js';
import { checkRegister, latinWords } from './register.js';
import { checkRequired } from './required.js';
import { quantitiesOnce } from './read-once.js';
import { checkStructure } from './structure.js';
import type { CheckIssue, DraftChecks } from './types.js';

export interface NarrativeOptions {
  facts: FormFacts;
  path: NarrativePath;
  maxChars: number;
  /** What the user typed in the cell's chat: a source for figures and causes. */
  chat?: readonly string[];
  /**
   * The text is the cell as written (a reviewer's check): the cell's own text vouches for
   * nothing, a left 〔待补充〕 is a finding, and its causes are the writer's own.
   */
  asWritten?: boolean;
  /** More figures the caller may state (the drafter's summary counts). */
  extra?: readonly Known[];
}

const EXPLAINED = new Set([
  'missed',
  'over-achieved',
  'reverse-exceeded',
  'above-target',
  'qualitative-partial',
  'late',
  'lost-points',
]);

const LATIN = new WeakMap<FormFacts, Set<string>>();

/** The Latin names the form's texts and the chat use (read once per form). */
function formLatin(f: FormFacts, chat: readonly string[]): ReadonlySet<string> {
  let words = LATIN.get(f);
  if (!words) {
    words = latinWords([
      f.projectName,
      f.goals.expected,
      f.goals.existing,
      f.goals.notes,
      ...f.rows.flatMap((r) => [r.name, r.target.text, r.actual.text, r.sources.notes, r.sources.existing]),
    ]);
    LATIN.set(f, words);
  }
  return chat.length === 0 ? words : new Set([...words, ...latinWords(chat)]);
}

/** Issues a deviation cell has about its parts and its causes. */
function deviationIssues(text: string, o: NarrativeOptions, row: number): CheckIssue[] {
  const r = o.facts.rows[row]!;
  if (!r.needsText || !EXPLAINED.has(r.outcome) || isFillerText(text)) return [];
  const issues = checkStructure(text);
  if (!o.asWritten) {
    const sources = [r.sources.notes, r.sources.existing, ...(o.chat ?? [])];
    issues.push(...checkCauses(text, sources, `${r.name}${r.target.text}${r.actual.text}`));
  }
  return issues;
}

function goalsIssues(text: string, o: NarrativeOptions): CheckIssue[] {
  if (o.asWritten) return [];
  const f = o.facts;
  const sources = [
    f.goals.notes,
    f.goals.existing,
    f.funding.reason,
    ...(o.chat ?? []),
    ...f.rows.flatMap((r) => [r.sources.notes, r.sources.existing]),
  ];
  return checkCauses(text, sources, f.rows.map((r) => r.name).join('|'));
}

/** A cell as written that still holds 〔待补充〕 placeholders: one issue each. */
function placeholdersLeft(found: readonly RegExpExecArray[]): CheckIssue[] {
  return found.map((m) => ({
    code: 'placeholder_left',
    span: [m.index, m.index + m[0].length],
    message: `仍有待补充的内容“${m[0]}”，提交前应填写`,
  }));
}

/**
 * The issues of `text`, the cell of `row` (null: 实际完成情况) as written, that a score report lists:
 * figures that contradict the table, then placeholders left; the same issues `checkNarrative` gives
 * with `asWritten`, without the checks whose findings are only warnings. `figures` makes the cell's
 * figures, asked for only when a figure needs them.
 */
export function reportedIssuesAt(text: string, row: number | null, figures: CellSource): CheckIssue[] {
  const quantities = quantitiesOnce(text, true);
  const issues = quantities.length === 0 ? [] : figureContradictions(quantities, row, figures);
  const left = placeholderMatches(text);
  if (left.length > 0) issues.push(...placeholdersLeft(left));
  return issues;
}

/** Checks `text` as the cell at `path`. Never throws for a bad text. */
export function checkNarrative(text: string, o: NarrativeOptions): DraftChecks {
  const issues: CheckIssue[] = [];
  const row = narrativeRowIndex(o.path);
  const chat = o.chat ?? [];
  if (!text.trim()) issues.push({ code: 'empty', message: '文本为空' });
  const quantities = quantitiesOnce(text, true);
  const pool = [...cellKnowns(o.facts, { row, ownText: !o.asWritten, chat }), ...(o.extra ?? [])];
  const figures = checkFigures(quantities, cellFigures(o.facts, row), pool);
  issues.push(...figures.issues);
  if (text.trim()) {
    issues.push(...checkRequired(text, quantities, o.facts, row));
    issues.push(...(row === null ? goalsIssues(text, o) : deviationIssues(text, o, row)));
  }
  issues.push(...checkRegister(text, formLatin(o.facts, chat)));
  const length = countChars(text);
  if (length > o.maxChars) {
    issues.push({
      code: 'too_long',
      message: `共${length}字，超过本单元格上限${o.maxChars}字`,
      span: [indexAfterChars(text, o.maxChars), text.length],
    });
  }
  const placeholders = placeholderMatches(text);
  if (o.asWritten) issues.push(...placeholdersLeft(placeholders));
  return {
    ok: issues.length === 0,
    issues,
    numbers: figures.numbers,
    placeholders: placeholders.map((m) => m[0]),
    length,
    maxChars: o.maxChars,
  };
}
