/**
 * The checks every draft passes through, from a model or the built-in drafter. The rules live in
 * core (src/core/checks/narrative): figures traced to the row's facts with units and roles,
 * causes to notes/existing text/chat, parts, register, length. This file adapts drafting's
 * CellFacts to them.
 */
import { checkNarrative, type Known } from '../core/checks/narrative/index.js';
import { unitNamed } from '../core/parse/units.js';
import type { Form, NarrativePath } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { cellFacts, type AllowedNumber, type CellFacts, type RequiredFact } from './context.js';
import { findNumbers, sameNumber, type FoundNumber, type NumberKind } from './numbers.js';
import type { DraftChecks } from './types.js';

export interface CheckOptions {
  form: Form;
  report: ScoreReport;
  path: NarrativePath;
  /** The cell's limit; default 1000 for goals.actual, 200 for a deviation cell. */
  maxChars?: number;
  overAchievementRatio?: number;
  /** What the user typed in the cell's chat (a source for figures and causes). */
  chat?: readonly string[];
  /** Check the text as the cell stands in the form (a reviewer's check), not as a proposal. */
  asWritten?: boolean;
}

function kindsMatch(written: NumberKind, known: NumberKind): boolean {
  return written === known || written === 'other' || (known === 'other' && written !== 'score');
}

/** True when `text` states the fact (its numbers already found in `numbers`). */
export function factStated(
  fact: RequiredFact,
  text: string,
  numbers: readonly FoundNumber[] = findNumbers(text),
): boolean {
  if (fact.texts.some((t) => t && text.includes(t))) return true;
  return numbers.some((n) =>
    fact.values.some(
      (v) =>
        kindsMatch(n.kind, v.kind) &&
        (n.unit === v.unit || !n.unit || !v.unit) &&
        sameNumber(n.value, n.decimals, v.value, n.kind !== 'score'),
    ),
  );
}

/** The drafter's own summary figures (counts of rows, goals) as knowns the checks accept. */
function extraKnowns(allowed: readonly AllowedNumber[]): Known[] {
  return allowed
    .filter((a) => /项数|行数|方面数/.test(a.source))
    .map((a) => ({
      value: a.value,
      unit: a.unit ? unitNamed(a.unit) : null,
      source: a.source,
      origin: 'fact' as const,
    }));
}

/** Runs the checks on `text` against already computed cell facts. */
export function checkWithFacts(text: string, facts: CellFacts, options: { asWritten?: boolean } = {}): DraftChecks {
  return checkNarrative(text, {
    facts: facts.core,
    path: facts.path,
    maxChars: facts.maxChars,
    chat: facts.chat,
    extra: extraKnowns(facts.allowed),
    asWritten: options.asWritten ?? false,
  });
}

/** Checks a draft of the cell at `path`. Pure; never throws for a bad text (only for a bad path). */
export function checkDraft(text: string, options: CheckOptions): DraftChecks {
  const facts = cellFacts(options.form, options.report, options.path, {
    maxChars: options.maxChars,
    overAchievementRatio: options.overAchievementRatio,
    chat: options.chat,
  });
  return checkWithFacts(text, facts, { asWritten: options.asWritten });
}

/** One line per issue, for a repair request or a terminal. */
export function describeIssues(checks: DraftChecks): string {
  return checks.issues.map((i) => `- ${i.message}`).join('\n');
}
