/**
 * The narrative issues a score report lists, on real forms (issue #13; kept through the speed work
 * of issue #9): real wording from ../shared/fixtures/forms placed in a narrative cell of a real form,
 * and drafts built on real rows. The expected issues are the verdicts the checks gave before they
 * were made cheaper, so a refactor that changes a verdict, a source or a message fails here.
 */
import { describe, expect, it } from 'vitest';
import { scoreForm, type Form, type NarrativePath } from '../../src/core/index.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';

/** A real text: `05.goals` is fixture 05's 实际完成情况, `09.5` fixture 09's 第6行 偏差原因 (row index 5). */
function realText(ref: string): string {
  const [id, cell] = ref.split('.') as [string, string];
  const form = fixtureForm(id);
  const text = cell === 'goals' ? form.goals?.actual : form.indicators[Number(cell)]!.deviation;
  if (!text?.trim()) throw new Error(`fixture ${ref} has no text`);
  return text;
}

function withText(form: Form, path: NarrativePath, text: string): Form {
  if (path === 'goals.actual') return { ...form, goals: { ...form.goals, actual: text } };
  const row = Number(path.split('.')[1]);
  return { ...form, indicators: form.indicators.map((r, i) => (i === row ? { ...r, deviation: text } : r)) };
}

function narrativeIssues(form: Form): [string, string, string][] {
  return scoreForm(form)
    .issues.filter((i) => i.code.startsWith('narrative-'))
    .map((i) => [i.path, i.code, i.message]);
}

const C = 'narrative-contradicts-table';
const P = 'narrative-placeholder';
const LEFT = '仍有待补充的内容“〔待补充：偏差原因〕”，提交前应填写';

describe('score report narrative issues on real forms', () => {
  it.each(fixtureIds())('fixture %s as published: no narrative issue', (id) => {
    expect(narrativeIssues(fixtureForm(id))).toEqual([]);
  });

  it.each([
    // 临翔 (05)'s 实际完成情况 in other forms: its figures name other things there
    [
      '01',
      'goals.actual',
      '05.goals',
      [
        '“1间”在表中找不到；1只作为第1行·完成倍数（1倍）出现，单位或含义不同',
        '“120米”在表中找不到；120只作为超额完成认定标准（120%）出现，单位或含义不同',
        '“近百头”在表中找不到；100只作为预算执行率（100%）出现，单位或含义不同',
      ],
    ],
    [
      '03',
      'indicators.8.deviation',
      '05.goals',
      [
        '“1间”在表中找不到；1只作为第9行·完成倍数（1倍）出现，单位或含义不同',
        '“120米”在表中找不到；120只作为超额完成认定标准（120%）出现，单位或含义不同',
        '“近百头”在表中找不到；100只作为预算执行率（100%）出现，单位或含义不同',
      ],
    ],
    [
      '12',
      'goals.actual',
      '05.goals',
      [
        '“1间”在表中找不到；1只作为第2行·得分（1分）出现，单位或含义不同',
        '“120米”在表中找不到；120只作为超额完成认定标准（120%）出现，单位或含义不同',
        '“近百头”在表中找不到；100只作为预算执行率（100%）出现，单位或含义不同',
      ],
    ],
    // 池州 (07) states its budget; another form's budget differs
    [
      '02',
      'goals.actual',
      '07.goals',
      [
        '“89.97万元”与表中数据不符：年度资金总额·年初预算数为880万元，年度资金总额·全年预算数为880万元，全年预算数为880万元（按表计算，允许按所写位数四舍五入）',
      ],
    ],
    [
      '14',
      'goals.actual',
      '07.goals',
      [
        '“89.97万元”与表中数据不符：年度资金总额·年初预算数为45万元，全年预算数为45万元（按表计算，允许按所写位数四舍五入）',
      ],
    ],
    // fixture 09's row-1 text: its 3% is a count elsewhere, and in its own form a text vouches for it
    ['01', 'goals.actual', '09.0', ['“3%”在表中找不到；3只作为效益指标项数（3项）出现，单位或含义不同']],
    ['10', 'goals.actual', '09.0', ['“3%”在表中找不到；3只作为产出指标项数（3项）出现，单位或含义不同']],
    ['09', 'goals.actual', '09.0', []],
    // a bare 0 where the table has a score of 0 (the row's, or the funding's self score)
    ['05', 'indicators.7.deviation', '09.5', ['“0”在表中找不到；0只作为第8行·得分（0分）出现，单位或含义不同']],
    ['07', 'indicators.9.deviation', '09.5', ['“0”在表中找不到；0只作为预算执行率自评得分（0分）出现，单位或含义不同']],
  ] as const)('fixture %s, %s holding %s', (id, path, ref, messages) => {
    const form = withText(fixtureForm(id), path, realText(ref));
    expect(narrativeIssues(form)).toEqual(messages.map((m) => [path, C, m]));
  });

  it.each([
    // 居民健康档案 38508人 → 37442人 (fixture 12, row 1)
    [
      '12',
      0,
      '年度指标值37442人，实际完成38508人，差1066人。偏差原因：〔待补充：偏差原因〕。后续将加强档案管理。',
      [
        [C, '“37442人”是实际完成值，文中却写作年度指标值：年度指标值与实际完成值写反了'],
        [C, '“38508人”是年度指标值，文中却写作实际完成值：年度指标值与实际完成值写反了'],
        [P, LEFT],
      ],
    ],
    [
      '12',
      0,
      '年度指标值38508人，实际完成37442人，差1066万元。偏差原因：〔待补充：偏差原因〕。后续将加强档案管理。',
      [
        [C, '“1066万元”单位不符：第1行·偏差量为1066人'],
        [P, LEFT],
      ],
    ],
    [
      '12',
      0,
      '年度指标值38508人，实际完成37442人，完成率97.23%，差1066人。偏差原因：〔待补充：偏差原因〕。后续将加强档案管理。',
      [[P, LEFT]],
    ],
    // 政策知晓率 =100% → 98% (fixture 01, row 6)
    [
      '01',
      5,
      '年度指标值为100%，实际完成98%，偏差率3%。偏差原因：〔待补充：偏差原因〕。后续将加大政策宣传力度。',
      [
        [C, '“3%”与表中数据不符：第6行·偏差率为2%（按表计算，允许按所写位数四舍五入）'],
        [P, LEFT],
      ],
    ],
    // 工程资金金额 43.2 → 37.24 (fixture 09, row 1)
    [
      '09',
      0,
      '年度指标值为43.2，实际完成37.24，完成率96.2%。偏差原因：项目已完工，剩余3%尾款未付。改进措施：提高预算准确度。',
      [[C, '“96.2%”与表中数据不符：第1行·完成率为86.2037%（按表计算，允许按所写位数四舍五入）']],
    ],
    [
      '09',
      0,
      '年度指标值为43.2，实际完成37.24，完成率86.2%。偏差原因：项目已完工，剩余3%尾款未付，且最高限价低于预算金额。改进措施：提高预算准确度。',
      [],
    ],
  ] as const)('fixture %s row %i drafted: %s', (id, row, text, expected) => {
    const path: NarrativePath = `indicators.${row}.deviation`;
    const form = withText(fixtureForm(id), path, text);
    expect(narrativeIssues(form)).toEqual(expected.map(([code, message]) => [path, code, message]));
  });

  it('gives the same issues when the same form is scored again (texts read once are read the same)', () => {
    const form = withText(fixtureForm('12'), 'goals.actual', realText('05.goals'));
    const first = narrativeIssues(form);
    expect(first).toHaveLength(3);
    expect(narrativeIssues(withText(fixtureForm('12'), 'goals.actual', realText('05.goals')))).toEqual(first);
  });
});
