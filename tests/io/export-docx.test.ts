import { describe, expect, it } from 'vitest';
import { printedScores, scoreForm, type Form } from '../../src/core/index.js';
import { fixed } from '../../src/core/decimal.js';
import { cellText } from '../../src/io/export/cell-text.js';
import { formToDocx } from '../../src/io/export/docx.js';
import { buildFormSheet } from '../../src/io/export/form-sheet.js';
import { buildReportProse, splitDeviation } from '../../src/io/export/report-prose.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';
import { formWith } from '../support/one-row.js';
import { readDocxXml } from '../support/ooxml.js';
import { seedForm } from '../support/seed.js';

// Export .docx (issue 10): the 自评表 as a Word table and the 自评报告, read back from document.xml.

const forms: [string, () => Form][] = [
  ['seed baai-2022', seedForm],
  ['seed as a 部门整体 form', () => ({ ...seedForm(), formType: 'department' as const })],
  ...fixtureIds().map((id): [string, () => Form] => [`fixture ${id}`, () => fixtureForm(id)]),
];
const HEADINGS = ['一、项目概况', '二、绩效目标及完成情况', '三、偏差及原因分析', '四、改进措施', '五、自评结论'];

describe.each(forms)('%s to .docx', (_, make) => {
  const form = make();
  const report = scoreForm(form);

  it('holds the 自评表 cell by cell: every grid row a table row, vertical merges continued', async () => {
    const doc = readDocxXml(await formToDocx(form, report));
    const sheet = buildFormSheet(form, report);
    const expected = Array.from({ length: sheet.rowCount - 2 }, (_, i) =>
      sheet.cells
        .filter((c) => c.row <= i + 2 && i + 2 < c.row + c.rowSpan)
        .sort((a, b) => a.col - b.col)
        .map((c) => (c.row === i + 2 ? cellText(c) : '')),
    );
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]).toEqual(expected);
    const restarts = sheet.cells.filter((c) => c.row >= 2 && c.rowSpan > 1).length;
    expect(doc.xml.match(/<w:vMerge w:val="restart"\/>/g)?.length ?? 0).toBe(restarts);
  });

  it('prints each indicator row and 总分 from the form and the report', async () => {
    const table = readDocxXml(await formToDocx(form, report, 'table')).tables[0]!;
    const printed = printedScores(form, report);
    const header = table.findIndex((r) => r.includes('一级指标'));
    form.indicators.forEach((row, i) => {
      const cells = table[header + 1 + i]!;
      expect(cells.slice(-6)).toEqual([
        row.name,
        row.target ?? '',
        row.actual ?? '',
        row.weight == null ? '' : String(row.weight),
        printed.rows[i] == null ? '' : fixed(printed.rows[i]!),
        row.deviation ?? '',
      ]);
    });
    expect(table.at(-1)).toEqual(['总分', String(printed.weightTotal), fixed(report.selfTotal ?? report.total), '']);
  });

  it("writes the 自评报告 with its five sections, the accepted narratives and the report's total and grade", async () => {
    const doc = readDocxXml(await formToDocx(form, report, 'report'));
    expect(doc.tables).toEqual([]);
    expect(doc.paragraphs.filter((p) => /^[一二三四五]、/.test(p))).toEqual(HEADINGS);
    for (const line of (form.goals?.actual ?? '').split('\n').filter((s) => s.trim()))
      expect(doc.paragraphs).toContain(line.trim());
    const conclusion = doc.paragraphs[doc.paragraphs.indexOf('五、自评结论') + 1]!;
    expect(conclusion).toContain(`${fixed(report.selfTotal ?? report.total)}分`);
    expect(conclusion).toContain(`“${report.grade}”`);
    for (const row of form.indicators) {
      const cause = splitDeviation(row.deviation ?? '').cause;
      if (cause.length > 4)
        expect(
          doc.paragraphs.some((p) => p.includes(cause)),
          row.name,
        ).toBe(true);
    }
  });
});

describe('seed .docx', () => {
  it('puts the table on A4 landscape and the report on A4 portrait with 公文 margins', async () => {
    const form = seedForm();
    const { xml } = readDocxXml(await formToDocx(form, scoreForm(form)));
    expect(xml.match(/<w:pgSz [^>]*\/>/g)).toEqual([
      '<w:pgSz w:w="16840" w:h="11907" w:orient="landscape"/>',
      '<w:pgSz w:w="11907" w:h="16840" w:orient="portrait"/>',
    ]);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/<w:pgNumType w:start="1"[^>]*\/>/); // the report's pages count from 1
  });

  it('states both totals when the rules mark the self scores down: 89.00 self, 87.50 checked, 良', () => {
    const form = seedForm();
    const prose = buildReportProse(form, scoreForm(form));
    expect(prose.title).toBe('北京智源人工智能研究院建设2022年度项目支出绩效自评报告');
    expect(prose.sections.map((s) => s.heading)).toEqual(HEADINGS);
    expect(prose.sections[4]!.parts[0]!.paragraphs[0]).toBe(
      '经自评，北京智源人工智能研究院建设2022年度绩效自评总分为89.00分（满分100分），按评分规则核定总分为87.50分，评价等级为“良”。',
    );
    const causes = prose.sections[2]!.parts[0]!.paragraphs;
    expect(causes[0]).toBe(
      '1.高质量人工智能数据集：年度指标值≥2个，实际完成值11个，得分4.00分。设定2022年数量指标时，年度指标具备不确定性，因此预设值相对保守。该任务团队结构合理，实际产出高于预期。',
    );
    expect(causes[2]).toBe('3.支持智源学者：年度指标值≤10人，实际完成值20人，得分3.00分。〔待补充：偏差原因〕。');
    expect(prose.sections[3]!.parts[0]!.paragraphs[0]).toBe(
      '1.针对高质量人工智能数据集：后续将加强科研任务指标值的设定工作。',
    );
  });
});

describe('report prose', () => {
  it('counts the 预算执行率 score in the conclusion: 9.00 + 9.50 + 10.00 = 28.50, and asks for the reason of a low rate', () => {
    const form = formWith(
      [
        { target: '≥10个', actual: '9.5个', score: 9.5 },
        { target: '≥1次', actual: '1次', score: 10 },
      ],
      { funding: { unit: '万元', weight: 10, total: { initial: 100, annual: 100, executed: 90, score: null } } },
    );
    const prose = buildReportProse(form, scoreForm(form));
    expect(prose.sections[4]!.parts[0]!.paragraphs[0]).toBe(
      '经自评，测试项目2022年度绩效自评总分为28.50分（满分30分），评价等级为“差”。',
    );
    expect(prose.sections[0]!.parts[1]!.paragraphs[0]).toBe(
      '2022年度项目年初预算数100万元，全年预算数100万元，全年执行数90万元，预算执行率90.00%，该项分值10分，得分9.00分。',
    );
    expect(prose.sections[2]!.parts[0]!.paragraphs[0]).toBe('预算执行率90.00%，〔待补充：预算未全部执行的原因〕。');
  });

  it.each([
    ['偏差原因：合同签订延迟。改进措施：后续将提前谋划。', '合同签订延迟', '后续将提前谋划'],
    [
      '设定指标时预设值相对保守。后续将加强科研任务指标值的设定工作',
      '设定指标时预设值相对保守',
      '后续将加强科研任务指标值的设定工作',
    ],
    ['受疫情影响，部分活动延期；下一步将加快进度。', '受疫情影响，部分活动延期', '下一步将加快进度'],
    ['因政策调整未能开展', '因政策调整未能开展', ''],
    ['', '', ''],
  ])('splits %s into cause and measure', (text, cause, measure) => {
    expect(splitDeviation(text)).toEqual({ cause, measure });
  });

  it('writes a file Word can open even when text carries control characters', async () => {
    const form = seedForm();
    form.project.name = '北京\u0001智源\u000b项目';
    const doc = readDocxXml(await formToDocx(form, scoreForm(form)));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls the export must have removed
    expect(doc.xml).not.toMatch(/[\u0001\u000b]/);
    expect(doc.tables[0]![0]).toEqual(['项目名称', '北京智源项目']);
  });
});

describe('a form with nothing but a name', () => {
  const bare = () => formWith([], { funding: undefined, goals: undefined });

  it('exports a .docx whose report asks for what is missing instead of inventing it', async () => {
    const form = bare();
    const doc = readDocxXml(await formToDocx(form, scoreForm(form)));
    expect(doc.tables[0]!.at(-1)).toEqual(['总分', '10', '0.00', '']);
    expect(doc.paragraphs).toContain('〔待补充：年度总体目标〕');
    expect(doc.paragraphs).toContain('2022年度项目资金未填写完整，预算执行率无法计算，该项分值10分，得分0.00分。');
  });
});
