import { describe, expect, it } from 'vitest';
import { printedScores, scoreForm, type Form } from '../../src/core/index.js';
import { importWorkbook } from '../../src/io/import/index.js';
import { formToXlsx } from '../../src/io/export/xlsx.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';
import { seedForm } from '../support/seed.js';

// Round trip through the import helper's general reader (src/io/import): our export, imported,
// gives back every printed field of the form, and the same scores.

const forms: [string, () => Form][] = [
  ['seed baai-2022', seedForm],
  ...fixtureIds().map((id): [string, () => Form] => [`fixture ${id}`, () => fixtureForm(id)]),
];

describe.each(forms)('%s: .xlsx export → import', (_, make) => {
  it('reads back the project, the funding, the goals and every row as printed', async () => {
    const form = make();
    const report = scoreForm(form);
    const back = (await importWorkbook(await formToXlsx(form, report))).form;
    const printed = printedScores(form, report);
    expect(back.year).toBe(form.year);
    expect(back.project.name).toBe(form.project.name);
    expect(back.funding?.total?.annual ?? null).toBe(form.funding?.total?.annual ?? null);
    expect(back.funding?.total?.executed ?? null).toBe(form.funding?.total?.executed ?? null);
    expect(back.goals?.actual || null).toBe(form.goals?.actual || null);
    const rows = (f: Form, scores: (number | null)[]) =>
      f.indicators.map((r, i) => [
        r.level1,
        r.level2 || null,
        r.name,
        r.target || null,
        r.actual || null,
        r.weight ?? null,
        scores[i] ?? null,
        r.deviation || null,
      ]);
    expect(
      rows(
        back,
        back.indicators.map((r) => r.score ?? null),
      ),
    ).toEqual(rows(form, printed.rows));
    expect(scoreForm(back).total).toBe(report.total);
  });
});
