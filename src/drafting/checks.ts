/**
 * The checks every draft passes through, from a model or the built-in drafter: numbers traced to
 * the form, the report or the notes; required facts stated; length within the cell's limit; no
 * first person; placeholders listed. Pure, so the web page can run it to highlight numbers.
 */
import type { Form, NarrativePath } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { cellFacts, type AllowedNumber, type CellFacts, type RequiredFact } from './context.js';
import { countChars, findNumbers, indexAfterChars, moneyFactor, PLACEHOLDER, sameNumber, type FoundNumber, type NumberKind } from './numbers.js';
import type { CheckIssue, DraftChecks, NumberCheck } from './types.js';

export interface CheckOptions {
  form: Form;
  report: ScoreReport;
  path: NarrativePath;
  /** The cell's limit; default 1000 for goals.actual, 200 for a deviation cell. */
  maxChars?: number;
  overAchievementRatio?: number;
}

/** Words that make a text first person. 自我 and 我国 are not. */
const FIRST_PERSON = /我们|咱们|笔者|本人|(?<!自)我(?!国)/g;

function kindsMatch(written: NumberKind, known: NumberKind): boolean {
  return written === known || written === 'other' || (known === 'other' && written !== 'score');
}

/** True when a written number is `value` (same kind, same amount; money in any of 元/万元/亿元). */
function matches(n: FoundNumber, value: number, unit: string | null, kind: NumberKind): boolean {
  if (!kindsMatch(n.kind, kind)) return false;
  if (n.kind === 'money' && kind === 'money') {
    const written = n.value * moneyFactor(n.unit);
    const known = value * moneyFactor(unit);
    if (Math.abs(written - known) < 1e-6) return true;
    // written in its own unit with fewer decimals: 89.97万元 for 89.974
    return sameNumber(n.value, n.decimals, known / moneyFactor(n.unit), true);
  }
  // scores must be exact (1.5 is not "2分"); other numbers may be rounded as written
  return sameNumber(n.value, n.decimals, value, n.kind !== 'score' && kind !== 'score');
}

function sourceOf(n: FoundNumber, allowed: readonly AllowedNumber[]): string | undefined {
  return allowed.find((a) => matches(n, a.value, a.unit, a.kind))?.source;
}

/** True when `text` states the fact (its numbers already found in `numbers`). */
export function factStated(fact: RequiredFact, text: string, numbers: readonly FoundNumber[] = findNumbers(text)): boolean {
  if (fact.texts.some((t) => t && text.includes(t))) return true;
  return numbers.some((n) => fact.values.some((v) => matches(n, v.value, v.unit, v.kind)));
}

/** Runs the checks on `text` against already computed cell facts. */
export function checkWithFacts(text: string, facts: CellFacts): DraftChecks {
  const issues: CheckIssue[] = [];
  const length = countChars(text);
  const maxChars = facts.maxChars;
  if (!text.trim()) {
    issues.push({ code: 'empty', message: '文本为空' });
  }

  const found = findNumbers(text);
  const numbers: NumberCheck[] = found.map((n) => {
    const source = sourceOf(n, facts.allowed);
    return { text: n.text, value: n.value, unit: n.unit, span: n.span, found: source !== undefined, ...(source ? { source } : {}) };
  });
  for (const n of numbers) {
    if (!n.found) {
      issues.push({
        code: 'unknown_number',
        message: `数字“${n.text}”在表中、评分结果和补充事实中都找不到，请核实或删除`,
        span: n.span,
      });
    }
  }

  if (text.trim()) {
    for (const fact of facts.required) {
      if (!factStated(fact, text, found)) {
        issues.push({ code: 'missing_fact', message: `缺少${fact.label}：应写明“${fact.display}”` });
      }
    }
  }

  if (length > maxChars) {
    issues.push({
      code: 'too_long',
      message: `共${length}字，超过本单元格上限${maxChars}字`,
      span: [indexAfterChars(text, maxChars), text.length],
    });
  }

  for (const m of text.matchAll(FIRST_PERSON)) {
    issues.push({ code: 'first_person', message: `出现第一人称“${m[0]}”，应改用“本项目”“本单位”等`, span: [m.index, m.index + m[0].length] });
  }

  const placeholders = [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
  return { ok: issues.length === 0, issues, numbers, placeholders, length, maxChars };
}

/** Checks a draft of the cell at `path`. Pure; never throws for a bad text (only for a bad path). */
export function checkDraft(text: string, options: CheckOptions): DraftChecks {
  const facts = cellFacts(options.form, options.report, options.path, {
    maxChars: options.maxChars,
    overAchievementRatio: options.overAchievementRatio,
  });
  return checkWithFacts(text, facts);
}

/** One line per issue, for a repair request or a terminal. */
export function describeIssues(checks: DraftChecks): string {
  return checks.issues.map((i) => `- ${i.message}`).join('\n');
}
