import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNarrative, stripWrapper } from '../../src/core/checks/narrative/index.js';
import {
  buildFacts,
  parseForm,
  scoreForm,
  type Form,
  type FormInput,
  type NarrativePath,
} from '../../src/core/index.js';
import { readQuantities } from '../../src/core/narrative/quantities.js';
import { fixtureForm } from '../support/fixture-form.js';

const seedInput = (): FormInput =>
  JSON.parse(readFileSync(new URL('../../../shared/seed/baai-2022.json', import.meta.url), 'utf8')) as FormInput;
const factsOf = (form: Form) => buildFacts(form, scoreForm(form));
const seed = factsOf(parseForm(seedInput()));
const check = (text: string, path: NarrativePath, facts = seed, extra: { chat?: string[]; asWritten?: boolean } = {}) =>
  checkNarrative(text, { facts, path, maxChars: path === 'goals.actual' ? 1000 : 200, ...extra });

const R1 = 'indicators.1.deviation' as const; // 高质量人工智能数据集 ≥2个 → 11个, over-achieved, person wrote a cause
const R4 = 'indicators.4.deviation' as const; // 智算平台运行保障 ≥200台 → 296台, completion 148%
const R5 = 'indicators.5.deviation' as const; // 支持智源学者 ≤10人 → 20人, reverse cap exceeded, deviation rate 100%

const CAP =
  '该指标为反向指标，年度指标值为≤10人，实际为20人，超出上限10人，偏差率100%。偏差原因：〔待补充：超出上限的原因〕。改进措施：今后将科学合理设定绩效指标值。';
const OVER =
  '年度指标值为≥200台，实际完成296台，完成率148%，超出指标值48%。偏差原因：〔待补充：超额原因〕。改进措施：今后将科学合理设定绩效指标值。';

describe('readQuantities', () => {
  it.each([
    ['新增青年学者二十五人', [[25, '人', 'none', null]]],
    ['约三成', [[3, '成', 'none', 'about']]],
    ['超出指标值近五成', [[5, '成', 'excess', 'near']]],
    ['超出上限三倍', [[3, '倍', 'excess', null]]],
    ['扣二分', [[2, '分', 'deduction', null]]],
    ['举办三十余场', [[30, '场', 'none', 'over']]],
    ['惠及逾千家企业', [[1000, '家', 'none', 'over']]],
    ['累计服务1.5万人次', [[1.5, '万人次', 'actual', null]]],
    ['偏差率百分之五十', [[50, '%', 'deviation-rate', null]]],
    ['参与单位过半', [[50, '%', 'none', 'over']]],
    ['是上限的两倍', [[2, '倍', 'target', null]]],
    [
      '年度指标值为不超过十人，实际为二十人',
      [
        [10, '人', 'target', null],
        [20, '人', 'actual', null],
      ],
    ],
    [
      '全年执行20500万元，预算执行率100%',
      [
        [20500, '万元', 'executed', null],
        [100, '%', 'execution-rate', null],
      ],
    ],
    [
      '2022年10月起',
      [
        [2022, '年', 'none', null],
        [10, '月', 'none', null],
      ],
    ],
    ['研发出10亿参数规模的模型', [[1e9, null, 'none', null]]],
    [
      '得1.5分，分值3分',
      [
        [1.5, '分', 'score', null],
        [3, '分', 'weight', null],
      ],
    ],
    ['３０人左右', [[30, '人', 'none', 'about']]],
  ] as const)('%s', (text, expected) => {
    expect(readQuantities(text).map((q) => [q.value, q.unit?.label ?? null, q.claim, q.approx])).toEqual(expected);
  });

  it.each([
    ['十分重要'],
    ['一批典型应用案例'],
    ['第3名'],
    ['1.大模型研发'],
    ['（2）其他'],
    ['CogView2'],
    ['〔待补充：新增25人〕'],
    ['走进千家万户'],
    ['服务数千人'],
    ['一是加强管理'],
  ])('reads no figure in %s', (text) => {
    expect(readQuantities(text)).toEqual([]);
  });

  it('gives spans that cut the text as written, approximation word included', () => {
    const text = '超出指标值近五成，惠及逾千家企业';
    expect(readQuantities(text).map((q) => text.slice(...q.span))).toEqual(['近五成', '逾千家']);
  });

  it('reads a long text in one bounded pass', () => {
    const text = '1'.repeat(30_000);
    expect(readQuantities(text).length).toBeLessThanOrEqual(2000);
  });
});

describe('bad drafts of the seed are caught with the span of the fault', () => {
  it.each([
    // invented figures in Chinese numerals or words
    [
      'invented count in numerals',
      R5,
      CAP.replace('超出上限10人', '新增青年学者二十五人'),
      'unknown_number',
      '二十五人',
    ],
    ['about three tenths', R5, CAP.replace('偏差率100%', '偏差率约三成'), 'wrong_figure', '约三成'],
    ['nearly half', R5, CAP.replace('超出上限10人', '超出上限近五成'), 'wrong_figure', '近五成'],
    ['three times over the cap', R5, CAP.replace('超出上限10人', '超出上限三倍'), 'wrong_figure', '三倍'],
    ['deducted two points', R5, `${CAP}该指标扣二分。`, 'wrong_figure', '二分'],
    ['thirty-odd events', R5, CAP.replace('超出上限10人', '举办三十余场'), 'unknown_number', '三十余场'],
    ['over a thousand firms', R5, CAP.replace('超出上限10人', '惠及逾千家企业'), 'unknown_number', '逾千家'],
    // right numbers, wrong unit or role
    ['20人 as 20万元', R5, CAP.replace('实际为20人', '实际为20万元'), 'unit_mismatch', '20万元'],
    ['over the cap by 10万元', R5, CAP.replace('超出上限10人', '超出上限10万元'), 'unit_mismatch', '10万元'],
    ['a score as 1.5万人次', R5, `${CAP}累计服务1.5万人次。`, 'unit_mismatch', '1.5万人次'],
    ['a weight as 3所高校', R5, `${CAP}学者来自3所高校。`, 'unit_mismatch', '3所'],
    // wrong derived figures
    ['deviation rate 200%', R5, CAP.replace('偏差率100%', '偏差率200%'), 'wrong_figure', '200%'],
    ['deviation rate 50%', R5, CAP.replace('偏差率100%', '偏差率50%'), 'wrong_figure', '50%'],
    ['completion 100% on a capped reverse row', R5, CAP.replace('偏差率100%', '完成率100%'), 'wrong_figure', '100%'],
    ['the 偏差量 96台 as a percent', R4, OVER.replace('超出指标值48%', '超出指标值96%'), 'unit_mismatch', '96%'],
    ['a rounded score', R5, `${CAP}该指标得分2分。`, 'wrong_figure', '2分'],
    // target and actual swapped
    [
      'target and actual swapped',
      R5,
      CAP.replace('年度指标值为≤10人，实际为20人', '年度指标值为≤20人，实际为10人'),
      'swapped',
      '20人',
    ],
    // invented past facts and causes
    [
      'an invented month',
      R5,
      CAP.replace('〔待补充：超出上限的原因〕', '2022年10月起追加支持'),
      'unknown_number',
      '10月',
    ],
    [
      'an invented cause (疫情)',
      R5,
      CAP.replace('偏差原因：〔待补充：超出上限的原因〕', '因疫情影响，学者人数增加'),
      'invented_cause',
      '因疫情影响，学者人数增加',
    ],
    [
      'an invented cause (政策)',
      R5,
      CAP.replace('偏差原因：〔待补充：超出上限的原因〕', '受政策调整影响，名额增加'),
      'invented_cause',
      '受政策调整影响，名额增加',
    ],
    [
      'a person’s cause replaced',
      R1,
      '年度指标值≥2个，实际11个，完成率550%。主要原因是新增合作单位较多。后续将加强指标设定。',
      'invented_cause',
      '原因是新增合作单位较多',
    ],
    // register
    ['我们', R5, CAP.replace('今后将', '我们今后将'), 'first_person', '我们'],
    ['咱单位', R5, CAP.replace('今后将', '咱单位今后将'), 'first_person', '咱'],
    ['本人', R5, CAP.replace('今后将', '本人认为今后将'), 'first_person', '本人'],
    ['English', R5, `${CAP}The cap was exceeded.`, 'english', 'The'],
    ['Markdown', R5, `**${CAP}**`, 'markdown', '**'],
    ['a preamble', R5, `以下是修改后的文本：${CAP}`, 'preamble', '以下是修改后的文本：'],
  ] as const)('%s', (_, path, text, code, written) => {
    const c = check(text, path);
    expect(c.ok).toBe(false);
    const issue = c.issues.find((i) => i.code === code);
    expect(issue, JSON.stringify(c.issues)).toBeDefined();
    expect(text.slice(...issue!.span!)).toBe(written);
  });

  it.each([
    ['facts only', '年度指标值为≤10人，实际为20人，超出上限10人，偏差率100%。', ['missing_cause', 'missing_measure']],
    ['no measure', '年度指标值为≤10人，实际为20人，偏差率100%。偏差原因：〔待补充：偏差原因〕。', ['missing_measure']],
    [
      'no cause and no placeholder',
      '年度指标值为≤10人，实际为20人，偏差率100%。后续将科学设定指标值。',
      ['missing_cause'],
    ],
    [
      'no deviation stated',
      '年度指标值为≤10人，实际为20人。偏差原因：〔待补充〕。后续将科学设定指标值。',
      ['missing_fact'],
    ],
  ])('flags missing parts: %s', (_, text, codes) => {
    expect(check(text, R5).issues.map((i) => i.code)).toEqual(codes);
  });
});

describe('correct drafts pass', () => {
  it.each([
    ['digits', R5, CAP],
    [
      'Chinese numerals (不超过十人…二十人)',
      R5,
      '该指标年度指标值为不超过十人，实际为二十人，超出上限十人，偏差率百分之百。偏差原因：〔待补充：超出上限的原因〕。改进措施：今后将科学合理设定绩效指标值。',
    ],
    [
      'a multiple',
      R5,
      '年度指标值为≤10人，实际为20人，是上限的两倍，超出上限一倍。偏差原因：〔待补充〕。后续将合理设定指标值。',
    ],
    ['over-achievement rounded', R4, OVER],
    ['近五成 for 48%', R4, OVER.replace('超出指标值48%', '超出指标值近五成')],
    [
      'the deviation as an amount',
      R4,
      '年度指标值为≥200台，实际完成296台，超出96台。偏差原因：〔待补充：超额原因〕。后续将科学设定指标值。',
    ],
    [
      'the person’s own cause, reworded',
      R1,
      '年度指标值≥2个，实际11个，完成率550%。主要原因是设定2022年数量指标时，年度指标具备不确定性，预设值相对保守。后续将加强科研任务指标值的设定工作。',
    ],
    ['the over standard cited', R4, `${OVER}超出指标值20%以上即认定为超额完成。`],
    ['本单位 and 我单位', R5, CAP.replace('今后将', '本单位今后将').replace('改进措施：', '改进措施：我单位')],
  ] as const)('%s', (_, path, text) => {
    const c = check(text, path);
    expect(c.issues).toEqual([]);
    expect(c.ok).toBe(true);
  });

  it('takes a cause and its figure from the chat', () => {
    const text = '年度指标值为≤10人，实际为20人，偏差率100%。偏差原因：年度内新增青年学者8名。后续将合理设定指标值。';
    expect(check(text, R5).issues.map((i) => i.code)).toEqual(['unknown_number', 'invented_cause']);
    expect(check(text, R5, seed, { chat: ['补充原因：年度内新增青年学者8名'] }).ok).toBe(true);
  });

  it('takes a cause from the notes', () => {
    const input = seedInput();
    input.indicators[5]!.notes = '受北京市人才政策支持，引进学者人数增加';
    const facts = factsOf(parseForm(input));
    const text =
      '年度指标值为≤10人，实际为20人，偏差率100%。受北京市人才政策支持，引进学者人数增加。后续将合理设定指标值。';
    expect(check(text, R5, facts).ok).toBe(true);
  });

  it('passes the 实际完成情况 a person wrote on the seed, apart from figures it alone states', () => {
    const c = check(seed.goals.existing, 'goals.actual', seed, { asWritten: true });
    expect(
      c.issues.filter((i) =>
        ['wrong_figure', 'swapped', 'unit_mismatch', 'invented_cause', 'first_person'].includes(i.code),
      ),
    ).toEqual([]);
  });
});

describe('real forms', () => {
  it.each([
    // fixture 09 (2019, 工程资金金额 43.2 → 37.24): a draft built on the person's own text
    [
      '09',
      0,
      '年度指标值为43.2，实际完成37.24，完成率86.2%。偏差原因：项目已完工，剩余3%尾款未付，且最高限价低于预算金额。改进措施：提高预算准确度。',
      [],
    ],
    [
      '09',
      0,
      '年度指标值为43.2，实际完成37.24，完成率96.2%。偏差原因：项目已完工，剩余3%尾款未付。改进措施：提高预算准确度。',
      ['wrong_figure', 'missing_fact'],
    ],
    [
      '09',
      0,
      '年度指标值为43.2，实际完成37.24，完成率86.2%。偏差原因：受疫情影响工期延误。改进措施：提高预算准确度。',
      ['invented_cause'],
    ],
    // fixture 12 (居民健康档案 38508人 → 37442人)
    [
      '12',
      0,
      '年度指标值38508人，实际完成37442人，完成率97.23%，差1066人。偏差原因：〔待补充：偏差原因〕。后续将加强档案管理。',
      [],
    ],
    [
      '12',
      0,
      '年度指标值37442人，实际完成38508人，差1066人。偏差原因：〔待补充：偏差原因〕。后续将加强档案管理。',
      ['swapped', 'swapped'],
    ],
    [
      '12',
      0,
      '年度指标值38508人，实际完成37442人，差1066万元。偏差原因：〔待补充：偏差原因〕。后续将加强档案管理。',
      ['unit_mismatch', 'missing_fact'],
    ],
    // fixture 01 (政策知晓率 =100% → 98%)
    ['01', 5, '年度指标值为100%，实际完成98%，偏差率2%。偏差原因：〔待补充：偏差原因〕。后续将加大政策宣传力度。', []],
    [
      '01',
      5,
      '年度指标值为100%，实际完成98%，偏差率3%。偏差原因：〔待补充：偏差原因〕。后续将加大政策宣传力度。',
      ['wrong_figure', 'missing_fact'],
    ],
  ] as const)('fixture %s row %i: %s', (id, row, text, codes) => {
    const facts = factsOf(fixtureForm(id));
    const c = check(text, `indicators.${row}.deviation`, facts);
    expect(c.issues.map((i) => i.code)).toEqual(codes);
  });

  it('checks a cell as written: its own text vouches for nothing and a left placeholder is a finding', () => {
    const facts = factsOf(fixtureForm('09'));
    const own = facts.rows[0]!.sources.existing;
    const c = check(own, 'indicators.0.deviation', facts, { asWritten: true });
    expect(c.numbers.map((n) => [n.text, n.found])).toEqual([['3%', false]]);
    const left = check('偏差原因：〔待补充：偏差原因〕。后续将提高预算准确度。', 'indicators.0.deviation', facts, {
      asWritten: true,
    });
    expect(left.issues.find((i) => i.code === 'placeholder_left')?.message).toMatch(/〔待补充：偏差原因〕/);
  });
});

describe('stripWrapper', () => {
  it.each([
    ['以下是修改后的文本：**该指标已完成。**', '该指标已完成。', ['以下是修改后的文本：', 'Markdown']],
    ['好的，修改如下：\n该指标已完成。', '该指标已完成。', ['好的，修改如下：']],
    ['“该指标已完成。”', '该指标已完成。', []],
    ['该指标已完成。', '该指标已完成。', []],
  ])('%s', (raw, text, stripped) => {
    expect(stripWrapper(raw)).toEqual({ text, stripped });
  });
});
