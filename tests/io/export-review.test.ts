/**
 * Exports of a reviewed form (issue #12): the .xlsx gets a second sheet 审核意见 and the .docx a
 * 审核意见 table after the 自评表, with 分值, 自评得分, 审核得分 and 审核意见 per indicator row, the
 * form-level marks and the transitions with their reasons. A form never submitted exports as before.
 */
import { describe, expect, it } from 'vitest';
import { printedScores, scoreForm } from '../../src/core/index.js';
import { applyMarks, applyTransition, emptyReview, type ReviewRecord } from '../../src/core/review/index.js';
import { formToDocx } from '../../src/io/export/docx.js';
import { formToXlsx } from '../../src/io/export/xlsx.js';
import { address, readDocxXml, readSheetXml, zipParts } from '../support/ooxml.js';
import { seedForm } from '../support/seed.js';

const form = seedForm();
const report = scoreForm(form);
const at = new Date('2024-04-01T08:00:00.000Z');

/** Submitted, marked on row 6 (支持智源学者) and the form, returned with two reasons. */
function returnedReview(): ReviewRecord {
  const submitted = applyTransition(emptyReview('a1b2c3d4e5f6g7h8'), {
    action: 'submit',
    by: '张填报',
    at,
    formVersion: 3,
  });
  const marked = applyMarks(
    submitted,
    {
      rows: [{ index: 5, score: 1.5, comment: '学者人数超出上限，偏差原因不充分' }],
      overall: { score: 86, comment: '总体较好' },
    },
    form,
    at,
  );
  return applyTransition(marked, {
    action: 'return',
    by: '李审核',
    at,
    formVersion: 3,
    reasons: ['第6行偏差原因未说明超出原因', '补充资金执行说明'],
  });
}

describe('export of a reviewed form', () => {
  const review = returnedReview();
  const printed = printedScores(form, report);

  it('adds a 审核意见 sheet to the .xlsx with each row, the form-level marks and the return reasons', async () => {
    const bytes = await formToXlsx(form, report, review);
    expect(zipParts(bytes)['xl/workbook.xml']).toContain('name="审核意见"');
    const sheet = readSheetXml(bytes, 2);
    const at = (row: number, col: number) => sheet.cells.get(address(row, col))?.value ?? null;
    expect(at(0, 0)).toBe('审核意见');
    expect(String(at(1, 0))).toContain('状态：已退回');
    expect([at(2, 0), at(2, 4), at(2, 5), at(2, 6), at(2, 7)]).toEqual([
      '绩效指标',
      '分值',
      '自评得分',
      '审核得分',
      '审核意见',
    ]);
    // Row 6 (index 5) is on sheet row 3 + 5
    expect([at(8, 0), at(8, 4), at(8, 5), at(8, 6), at(8, 7)]).toEqual([
      `6. ${form.indicators[5]!.name}`,
      form.indicators[5]!.weight,
      printed.rows[5],
      1.5,
      '学者人数超出上限，偏差原因不充分',
    ]);
    // An unmarked row shows the form's figures and empty review cells
    expect([at(3, 6), at(3, 7)]).toEqual([null, null]);
    const total = 3 + form.indicators.length;
    expect([at(total, 0), at(total, 6), at(total, 7)]).toEqual(['整表', 86, '总体较好']);
    expect(at(total + 1, 0)).toBe('审核流转记录');
    expect(at(total + 3, 0)).toBe('2024-04-01 16:00 李审核');
    expect(at(total + 3, 4)).toBe('退回（已退回，第 3 版）');
    expect(at(total + 3, 7)).toBe('第6行偏差原因未说明超出原因\n补充资金执行说明');
  });

  it('adds a 审核意见 table after the 自评表 in the .docx', async () => {
    const doc = readDocxXml(await formToDocx(form, report, 'table', undefined, review));
    expect(doc.tables).toHaveLength(2);
    const table = doc.tables[1]!;
    expect(table[0]).toEqual(['绩效指标', '分值', '自评得分', '审核得分', '审核意见']);
    expect(table[6]![0]).toBe(`6. ${form.indicators[5]!.name}`);
    expect(table[6]!.slice(3)).toEqual(['1.50', '学者人数超出上限，偏差原因不充分']);
    expect(doc.paragraphs.some((p) => p.includes('状态：已退回'))).toBe(true);
    expect(table.at(-1)).toEqual([
      '2024-04-01 16:00 李审核',
      '退回（已退回，第 3 版）',
      '第6行偏差原因未说明超出原因\n补充资金执行说明',
    ]);
  });

  it('exports a form never submitted exactly as before: one sheet, one table', async () => {
    for (const none of [undefined, null, emptyReview('a1b2c3d4e5f6g7h8')]) {
      expect(zipParts(await formToXlsx(form, report, none))['xl/worksheets/sheet2.xml']).toBeUndefined();
      expect(readDocxXml(await formToDocx(form, report, 'table', undefined, none)).tables).toHaveLength(1);
    }
  });
});
