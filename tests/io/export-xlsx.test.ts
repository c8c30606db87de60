import { describe, expect, it } from 'vitest';
import {
  parseForm,
  printedScores,
  scoreForm,
  type Form,
  type FundingRow,
  type ScoreReport,
} from '../../src/core/index.js';
import { buildFormSheet } from '../../src/io/export/form-sheet.js';
import { formToXlsx } from '../../src/io/export/xlsx.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';
import { address, readSheetXml, zipParts } from '../support/ooxml.js';
import { readOwnXlsx } from '../support/read-own-xlsx.js';
import { seedForm } from '../support/seed.js';

// Export .xlsx in the official layout (issue 10), read back from the file's XML, cell by cell.

const forms: [string, () => Form][] = [
  ['seed baai-2022', seedForm],
  ['seed as a 部门整体 form', () => ({ ...seedForm(), formType: 'department' as const })],
  ...fixtureIds().map((id): [string, () => Form] => [`fixture ${id}`, () => fixtureForm(id)]),
];

/** The form as its export prints it: empty 得分 cells filled from the report, unprinted fields dropped. */
function asPrinted(form: Form, report: ScoreReport): Form {
  const printed = printedScores(form, report);
  const orNull = (s: string | null | undefined) => (s ? s : null);
  const sub = (r: FundingRow | null | undefined) =>
    r && [r.initial, r.annual, r.executed].some((v) => v != null)
      ? { initial: r.initial ?? null, annual: r.annual ?? null, executed: r.executed ?? null }
      : null;
  const t = form.funding?.total;
  const p = form.project;
  return parseForm({
    formType: form.formType,
    year: form.year,
    project: {
      name: p.name,
      department: orNull(p.department),
      implementer: orNull(p.implementer),
      manager: orNull(p.manager),
      phone: orNull(p.phone),
    },
    funding: {
      unit: form.funding?.unit ?? '万元',
      weight: printed.fundingWeight,
      total: {
        initial: t?.initial ?? null,
        annual: t?.annual ?? null,
        executed: t?.executed ?? null,
        score: printed.funding,
      },
      appropriation: sub(form.funding?.appropriation),
      carryover: sub(form.funding?.carryover),
      other: sub(form.funding?.other),
    },
    goals: { expected: orNull(form.goals?.expected), actual: orNull(form.goals?.actual) },
    indicators: form.indicators.map((r, i) => ({
      level1: r.level1,
      level2: orNull(r.level2),
      name: r.name,
      target: orNull(r.target),
      actual: orNull(r.actual),
      weight: r.weight ?? null,
      score: printed.rows[i] ?? null,
      deviation: orNull(r.deviation),
    })),
    selfTotal: printed.total,
  });
}

describe.each(forms)('%s to .xlsx', (_, make) => {
  const form = make();
  const report = scoreForm(form);

  it('holds every cell of the official layout, text as text and numbers as numbers, merged as laid out', async () => {
    const sheet = buildFormSheet(form, report);
    const file = readSheetXml(await formToXlsx(form, report));
    for (const cell of sheet.cells) {
      const got = file.cells.get(address(cell.row, cell.col));
      const want = cell.value === '' ? null : cell.value;
      expect(got?.value ?? null, `${address(cell.row, cell.col)} ${cell.path ?? cell.kind}`).toEqual(want);
      if (typeof want === 'number') expect(got?.type).toBeNull();
      if (typeof want === 'string') expect(got?.type).toBe('s');
      if (cell.rowSpan > 1 || cell.colSpan > 1) {
        expect(file.merges).toContain(
          `${address(cell.row, cell.col)}:${address(cell.row + cell.rowSpan - 1, cell.col + cell.colSpan - 1)}`,
        );
      }
    }
    expect(file.xml).not.toContain('<f');
  });

  it('prints the form and the report: each indicator row, the funding score and 总分 from the report', async () => {
    const file = readSheetXml(await formToXlsx(form, report));
    const at = (a: string) => file.cells.get(a)?.value ?? null;
    const header = [...file.cells].find(([, c]) => c.value === '一级指标')![0];
    const first = Number(header.slice(1)) + 1;
    form.indicators.forEach((row, i) => {
      const r = first + i;
      expect(at(`D${r}`)).toBe(row.name || null);
      expect(at(`E${r}`)).toBe(row.target || null);
      expect(at(`F${r}`)).toBe(row.actual || null);
      expect(at(`H${r}`)).toBe(row.weight ?? null);
      const result = report.indicators[i]!;
      expect(at(`I${r}`)).toBe(result.flags.includes('template-row') ? null : (row.score ?? result.score));
      expect(at(`J${r}`)).toBe(row.deviation || null);
    });
    const totalRow = first + form.indicators.length;
    expect(at(`A${totalRow}`)).toBe('总分');
    expect(at(`I${totalRow}`)).toBe(report.selfTotal ?? report.total);
    expect(at('J7')).toBe(form.funding?.total?.score ?? report.funding.score);
    expect(at('I7')).toBe(report.funding.rate);
  });

  it('reads back through excelts as the same form (the round trip loses nothing printed)', async () => {
    const back = await readOwnXlsx(await formToXlsx(form, report));
    expect(back).toEqual(asPrinted(form, report));
    expect(scoreForm(back).total).toBe(report.total);
  });
});

describe('seed .xlsx', () => {
  it('merges 一级 and 二级 down their rows and prints 总分 100 / 89.00 (funding included)', async () => {
    const form = seedForm();
    const file = readSheetXml(await formToXlsx(form, scoreForm(form)));
    expect(file.cells.get('A1')?.value).toBe('项目支出绩效自评表');
    expect(file.cells.get('A2')?.value).toBe('（2022年度）');
    expect(file.cells.get('C3')?.value).toBe('北京智源人工智能研究院建设');
    expect(file.merges).toEqual(
      expect.arrayContaining(['A1:L1', 'A6:B10', 'B14:B24', 'C14:C16', 'C17:C20', 'C21:C23', 'B25:B27', 'A29:G29']),
    );
    expect([file.cells.get('H29')?.value, file.cells.get('I29')?.value]).toEqual([100, 89]);
    expect([file.cells.get('E7')?.value, file.cells.get('F7')?.value, file.cells.get('G7')?.value]).toEqual([
      20500, 20500, 20500,
    ]);
  });

  it('prints on A4 landscape, fit to one page wide, the indicator header repeated', async () => {
    const form = seedForm();
    const parts = zipParts(await formToXlsx(form, scoreForm(form)));
    const sheet = parts['xl/worksheets/sheet1.xml']!;
    expect(sheet).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToHeight="0"/);
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(parts['xl/workbook.xml']).toContain('!$13:$13</definedName>');
    const widths = [...sheet.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)].reduce(
      (sum, m) => sum + (Number(m[2]) - Number(m[1]) + 1) * Number(m[3]),
      0,
    );
    expect(widths).toBe(135); // ≈ 1,000 px: inside A4 landscape's printable 1,045 px at 100%
    const heights = [...sheet.matchAll(/<row r="\d+" ht="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...heights)).toBeLessThanOrEqual(409);
  });
});

describe('formula injection', () => {
  const hostile = ['=HYPERLINK("http://evil.example","点击")', '+1+2', '-2+3', '@SUM(A1:A2)', '=1+1'];
  it.each(hostile)('text %s stays a text cell, never a formula', async (text) => {
    const form = seedForm();
    form.project.name = text;
    Object.assign(form.indicators[0]!, { name: text, target: text, actual: text, deviation: text });
    form.goals = { expected: text, actual: text };
    const bytes = await formToXlsx(form, scoreForm(form));
    const file = readSheetXml(bytes);
    expect(file.xml).not.toMatch(/<f[ >]/);
    // Flagged quotePrefix, so the text stays text even when edited in Excel
    const xfs = [...zipParts(bytes)['xl/styles.xml']!.matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
    const cellXfs = xfs.slice(
      xfs.length - Number(/<cellXfs count="(\d+)"/.exec(zipParts(bytes)['xl/styles.xml']!)![1]),
    );
    for (const a of ['C3', 'D14', 'J14']) {
      const style = Number(new RegExp(`<c r="${a}" s="(\\d+)"`).exec(file.xml)![1]);
      expect(cellXfs[style], a).toContain('quotePrefix="1"');
    }
    expect(/<c r="D15" s="(\d+)"/.exec(file.xml)).not.toBeNull();
    const plain = Number(/<c r="D15" s="(\d+)"/.exec(file.xml)![1]);
    expect(cellXfs[plain]).not.toContain('quotePrefix'); // 高质量人工智能数据集: ordinary text is untouched
    for (const a of ['C3', 'C12', 'G12', 'D14', 'E14', 'F14', 'J14'])
      expect(file.cells.get(a), a).toEqual({ type: 's', value: text, formula: null });
  });
});

describe('a form with nothing but a name', () => {
  it('exports an .xlsx that reads back as the same bare form', async () => {
    const form = parseForm({ year: 2023, project: { name: '空白表' }, indicators: [] });
    const report = scoreForm(form);
    const file = readSheetXml(await formToXlsx(form, report));
    expect(file.cells.get('A14')?.value).toBe('总分');
    expect(await readOwnXlsx(await formToXlsx(form, report))).toEqual(asPrinted(form, report));
  });
});
