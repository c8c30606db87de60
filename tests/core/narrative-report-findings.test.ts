/**
 * The score report's narrative issues are the reviewer's error findings (issue #13), however the
 * report finds them (issue #9: it reads one table per report, tries figures in place and asks the
 * lending texts only when a verdict needs them, where the reviewer's check builds every figure).
 * Every real form of ../shared/fixtures/forms with every real 实际完成情况 and 偏差原因 placed in
 * its cells: texts whose figures name other forms' facts, so both paths meet contradictions.
 */
import { describe, expect, it } from 'vitest';
import { checkFormNarratives, findingsOf, narrativeReportIssues } from '../../src/core/checks/narrative/index.js';
import { scoreForm, type Form } from '../../src/core/index.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';

/** Every non-empty narrative text the fixtures publish. */
function realTexts(): string[] {
  return fixtureIds().flatMap((id) => {
    const form = fixtureForm(id);
    return [form.goals?.actual ?? '', ...form.indicators.map((r) => r.deviation ?? '')].filter((t) => t.trim());
  });
}

/** `form` with `text` as its 实际完成情况 and as the deviation cell of its first, middle and last rows. */
function withText(form: Form, text: string): Form {
  const rows = form.indicators.length;
  const cells = new Set([0, Math.floor(rows / 2), rows - 1]);
  return {
    ...form,
    goals: { ...form.goals, actual: text },
    indicators: form.indicators.map((r, i) => (cells.has(i) ? { ...r, deviation: text } : r)),
  };
}

/** The reviewer's error findings as the report lists them. */
function errorFindings(form: Form): [string, string, string][] {
  const report = scoreForm(form);
  return findingsOf(checkFormNarratives(form, report))
    .filter((f) => f.severity === 'error')
    .map((f) => [
      f.path,
      f.code === 'placeholder_left' ? 'narrative-placeholder' : 'narrative-contradicts-table',
      f.message,
    ]);
}

describe('score report narrative issues are the reviewer’s error findings', () => {
  const texts = realTexts();

  it('has real texts to place', () => {
    expect(texts.length).toBeGreaterThan(10);
  });

  it.each(fixtureIds())('fixture %s with every real text in its cells', (id) => {
    let contradictions = 0;
    for (const text of texts) {
      const form = withText(fixtureForm(id), text);
      const expected = errorFindings(form);
      const issues = narrativeReportIssues(form, scoreForm(form)).map((i) => [i.path, i.code, i.message]);
      expect(issues).toEqual(expected);
      contradictions += expected.length;
    }
    // the texts name other forms' facts: some must contradict this form's table
    expect(contradictions).toBeGreaterThan(0);
  });
});
