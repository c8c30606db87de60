import { describe, expect, it } from 'vitest';
import type { NarrativePath } from '../../src/core/index.js';
import {
  cellsNeedingText,
  checkDraft,
  countChars,
  createBuiltinDrafter,
  createDrafterFromEnv,
  NO_DEVIATION_TEXT,
  type DraftEvent,
} from '../../src/drafting/index.js';
import { outcomes, outcomesInput, repoPrompts, scored, seed } from './helpers.js';

const drafter = createBuiltinDrafter({ prompts: repoPrompts() });

describe('built-in drafts of the seed form (no model configured)', () => {
  const { form, report } = seed();
  const paths = cellsNeedingText(form, report);

  it('lists goals.actual and every deviation cell the profile requires and the form leaves empty', () => {
    // row 1 (数据集) needs one but the form gives its reason; rows 12, 13 likewise
    expect(paths).toEqual([
      'goals.actual',
      'indicators.4.deviation',
      'indicators.5.deviation',
      'indicators.6.deviation',
    ]);
  });

  it('is the default drafter when the environment names no model', () => {
    expect(createDrafterFromEnv({}, { prompts: repoPrompts() }).id).toBe('builtin');
    expect(createDrafterFromEnv({ OPENAI_API_KEY: 'sk-x' }, { prompts: repoPrompts() }).id).toBe('builtin');
  });

  it.each(paths.map((p) => [p]))(
    '%s: every number checks out, placeholders where the seed gives no cause, within the limit',
    async (path) => {
      const r = await drafter.draft({ form, report, path });
      expect(r.drafter).toBe('builtin');
      expect(r.checks.issues).toEqual([]);
      expect(r.checks.ok).toBe(true);
      expect(r.checks.numbers.length).toBeGreaterThan(3);
      expect(r.checks.numbers.every((n) => n.found)).toBe(true);
      expect(r.checks.length).toBeLessThanOrEqual(r.checks.maxChars);
      expect(r.text).not.toMatch(/我|\{\{|undefined|null|NaN/);
      // the same checks from the outside agree
      expect(checkDraft(r.text, { form, report, path }).ok).toBe(true);
      if (path === 'goals.actual') {
        expect(r.checks.maxChars).toBe(1000);
        expect(r.text).toMatch(/^本项目2022年度全年预算20500万元，全年执行20500万元，预算执行率100%。/);
        expect(r.text).toContain('大模型研发及生态建设、大模型基础设施建设（科研大装置建设）建设、学术生态建设3个方面');
        expect(r.text).toContain('智算平台运行保障296台（指标值≥200台）');
        expect(r.text).toContain('均于2022年12月底前完成');
        expect(r.text).toContain('支持智源学者20人（指标值≤10人）超出指标上限');
        // the total as the form states it (自评总分89), not the rule total 87.5 that contradicts it
        expect(r.text).toMatch(/本项目自评总分89分。$/);
        expect(r.text).not.toContain('87.5');
        expect(r.checks.placeholders).toEqual([]);
      } else {
        expect(r.checks.maxChars).toBe(200);
        expect(r.checks.placeholders).toHaveLength(1);
        expect(r.checks.placeholders[0]).toMatch(/^〔待补充：/);
      }
    },
  );

  it('writes the over-achievement, the reverse cap and the measure in 公文 wording', async () => {
    const row4 = await drafter.draft({ form, report, path: 'indicators.4.deviation' });
    expect(row4.promptId).toBe('deviation-over-achievement');
    expect(row4.text).toBe(
      '该指标年度指标值为≥200台，实际完成296台，完成率148%，超出年度指标值48%。偏差原因：〔待补充：超额原因，如年初指标值设定偏保守、实际需求增加等〕。改进措施：今后将结合往年智算平台运行保障的实际完成情况和年度工作计划，科学合理设定指标值。',
    );
    const row5 = await drafter.draft({ form, report, path: 'indicators.5.deviation' });
    expect(row5.promptId).toBe('deviation-reverse-exceeded');
    expect(row5.text).toMatch(
      /^该指标为反向指标，年度指标值为≤10人，实际为20人，超出上限10人，偏差率100%。偏差原因：〔待补充：超出上限的原因〕。/,
    );
  });

  it('is deterministic and streams the same text it returns', async () => {
    const events: DraftEvent[] = [];
    const a = await drafter.draft({ form, report, path: 'goals.actual' }, (e) => events.push(e));
    const b = await drafter.draft({ form, report, path: 'goals.actual' });
    expect(a.text).toBe(b.text);
    expect(events.length).toBeGreaterThan(3);
    expect(events.every((e) => e.type === 'delta')).toBe(true);
    expect(events.map((e) => (e.type === 'delta' ? e.text : '')).join('')).toBe(a.text);
  });

  it('fits goals.actual into a small limit by dropping detail, numbers still checking out', async () => {
    const r = await drafter.draft({ form, report, path: 'goals.actual', maxChars: 260 });
    expect(r.checks.length).toBeLessThanOrEqual(260);
    expect(r.checks.ok).toBe(true);
    expect(r.text).toMatch(/全年执行20500万元，预算执行率100%/);
  });

  it('writes 无 for a row that needs no explanation', async () => {
    const r = await drafter.draft({ form, report, path: 'indicators.0.deviation' });
    expect(r.text).toBe(NO_DEVIATION_TEXT);
    expect(r.checks.ok).toBe(true);
    expect(r.notice).toMatch(/无需说明偏差/);
  });
});

describe('built-in drafts conditioned on the outcome', () => {
  const o = outcomes();

  it.each([
    [
      'indicators.0.deviation',
      'deviation-missed',
      /^该指标年度指标值为≥5000份，实际完成4000份，完成率80%，偏差率20%。偏差原因：〔待补充：未完成原因/,
    ],
    ['indicators.1.deviation', 'deviation-over-achievement', /实际完成15次，完成率150%，超出年度指标值50%。/],
    [
      'indicators.2.deviation',
      'deviation-late',
      /^该指标年度指标值为2023年6月底前，实际完成时间为2023年10月，未按期完成。偏差原因：〔待补充：延期原因/,
    ],
    ['indicators.3.deviation', 'deviation-reverse-exceeded', /实际为2\.5万元，超出上限0\.5万元，偏差率25%。/],
    [
      'indicators.4.deviation',
      'deviation-qualitative-partial',
      /^该指标为定性指标，自评为“部分达成”，得14分（分值20分）。/,
    ],
    // the measure fits the indicator: a capped cost is not told to speed up, a late purchase is not told to set targets
    [
      'indicators.3.deviation',
      'deviation-reverse-exceeded',
      /改进措施：后续将加强单次讲座成本的预算约束和支出审核，严格控制在指标上限以内。$/,
    ],
    ['indicators.2.deviation', 'deviation-late', /改进措施：后续将提前谋划设备采购完成时间相关工作，细化时间节点/],
  ] as const)('%s uses %s', async (path, promptId, pattern) => {
    const r = await drafter.draft({ ...o, path });
    expect(r.promptId).toBe(promptId);
    expect(r.promptVersion).toBe('2');
    expect(r.text).toMatch(pattern);
    expect(r.checks.ok).toBe(true);
    expect(r.checks.placeholders).toHaveLength(1);
  });

  it('uses the cause and measure the user gives in notes instead of placeholders', async () => {
    const input = outcomesInput();
    input.indicators[0]!.notes =
      '原因：受政策调整影响，部分居民档案迁入市级平台统一管理。措施：加强与市级平台的数据对接';
    input.indicators[2]!.notes = '合同签订延迟，设备于10月到货。后续将提前启动采购程序';
    const s = scored(input);
    const missed = await drafter.draft({ ...s, path: 'indicators.0.deviation' });
    expect(missed.text).toContain(
      '偏差原因：受政策调整影响，部分居民档案迁入市级平台统一管理。改进措施：加强与市级平台的数据对接。',
    );
    expect(missed.checks.placeholders).toEqual([]);
    const late = await drafter.draft({ ...s, path: 'indicators.2.deviation' });
    expect(late.text).toContain('偏差原因：合同签订延迟，设备于10月到货。改进措施：后续将提前启动采购程序。');
    expect(late.checks.ok).toBe(true);
  });

  it('restates the goal parts and the execution rate for goals.actual', async () => {
    const r = await drafter.draft({ ...o, path: 'goals.actual' });
    expect(r.text).toMatch(
      /^本项目2023年度全年预算120万元，全年执行96万元，预算执行率80%。资金未全部执行，主要原因：〔待补充：资金结余原因/,
    );
    expect(r.text).toContain('年度目标涵盖完成辖区居民健康档案更新、开展健康教育讲座、按期完成设备采购3个方面');
    expect(r.text).toContain('居民健康档案更新数4000份（指标值≥5000份）未达到年度指标值');
    expect(r.text).toContain('设备采购完成时间于2023年10月完成（指标值2023年6月底前）未按期完成');
    expect(r.checks.ok).toBe(true);
  });

  it('honours a per-request limit on a deviation cell', async () => {
    const r = await drafter.draft({ ...o, path: 'indicators.0.deviation', maxChars: 60 });
    expect(r.checks.length).toBeLessThanOrEqual(60);
    expect(r.checks.maxChars).toBe(60);
  });
});

describe('built-in revision quick actions', () => {
  const { form, report } = seed();
  const path: NarrativePath = 'indicators.4.deviation';
  const draftText =
    '该指标年度指标值为≥200台，实际完成296台，完成率148%，超出指标值48%。偏差原因：〔待补充：超额原因，如年初指标值设定偏保守、实际需求增加等〕。改进措施：今后将结合往年完成情况和年度工作计划，科学合理设定绩效指标值。';

  it('精简: shorter, facts kept', async () => {
    const r = await drafter.revise({ form, report, path, currentText: draftText, message: '精简一些', history: [] });
    expect(countChars(r.text)).toBeLessThan(countChars(draftText));
    expect(r.checks.issues.filter((i) => i.code === 'missing_fact' || i.code === 'unknown_number')).toEqual([]);
    expect(r.notice).toMatch(/^已精简（\d+字→\d+字）$/);
  });

  it('控制在50字以内: cannot keep facts, cause and measure in 50 characters, says so and returns the shortest faithful text', async () => {
    const r = await drafter.revise({
      form,
      report,
      path,
      currentText: draftText,
      message: '控制在50字以内',
      history: [],
    });
    expect(r.notice).toMatch(/保留事实、偏差原因和改进措施后最短为\d+字，无法控制在50字以内/);
    expect(r.text).toContain('〔待补充〕');
    expect(r.text).toContain('措施：今后结合往年完成情况和年度工作计划，科学合理设定绩效指标值');
    expect(r.checks.issues.map((i) => i.code)).toEqual(['too_long']);
  });

  it.each([80, 120])('控制在%i字以内: length within the limit, and the checks hold it to that limit', async (n) => {
    const r = await drafter.revise({
      form,
      report,
      path,
      currentText: draftText,
      message: `控制在${n}字以内`,
      history: [],
    });
    expect(countChars(r.text)).toBeLessThanOrEqual(n);
    expect(r.checks.maxChars).toBe(n);
    expect(r.checks.issues.filter((i) => i.code === 'too_long' || i.code === 'unknown_number')).toEqual([]);
    expect(r.text).toMatch(/。$/);
  });

  it('更正式: colloquial words and first person replaced', async () => {
    const r = await drafter.revise({
      form,
      report,
      path,
      currentText: '我们今年服务器买多了，实际完成296台，比指标值≥200台多了48%，所以下一步会加强指标设定！',
      message: '语气更正式',
      history: [],
    });
    expect(r.text).toBe('本单位今年服务器买多了，实际完成296台，比指标值≥200台多了48%，因此下一步将加强指标设定。');
    expect(r.checks.issues.filter((i) => i.code === 'first_person')).toEqual([]);
  });

  it('补充改进措施: appends the template measure when the text has none, once', async () => {
    const bare = '该指标年度指标值为≥200台，实际完成296台，超出指标值48%。';
    const r = await drafter.revise({ form, report, path, currentText: bare, message: '补充改进措施', history: [] });
    expect(r.text).toBe(
      `${bare}改进措施：今后将结合往年智算平台运行保障的实际完成情况和年度工作计划，科学合理设定指标值。`,
    );
    const again = await drafter.revise({
      form,
      report,
      path,
      currentText: r.text,
      message: '补充改进措施',
      history: r.history,
    });
    expect(again.text).toBe(r.text);
    expect(again.notice).toMatch(/已有改进措施/);
    expect(again.history).toHaveLength(4);
  });

  it('says honestly when it cannot follow a free-text request, and leaves the text alone', async () => {
    const r = await drafter.revise({
      form,
      report,
      path,
      currentText: draftText,
      message: '把原因改成服务器集中采购导致的',
      history: [],
    });
    expect(r.text).toBe(draftText);
    expect(r.notice).toMatch(/内置起草器无法按“把原因改成服务器集中采购导致的”修改/);
    expect(r.notice).toMatch(/OPENAI_API_KEY/);
  });

  it('does what it can of a mixed request and names the rest', async () => {
    const r = await drafter.revise({
      form,
      report,
      path,
      currentText: draftText,
      message: '更简洁，控制在100字以内，并强调集中采购',
      history: [],
    });
    expect(countChars(r.text)).toBeLessThanOrEqual(100);
    expect(r.notice).toMatch(/以下要求内置起草器无法执行：“强调集中采购”/);
  });

  it('refuses an empty request', async () => {
    await expect(drafter.revise({ form, report, path, currentText: draftText, message: '  ' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('returns the chat with this exchange appended', async () => {
    const r = await drafter.revise({
      form,
      report,
      path,
      currentText: draftText,
      message: '精简',
      history: [
        { role: 'user', content: '更正式' },
        { role: 'assistant', content: draftText },
      ],
    });
    expect(r.history).toEqual([
      { role: 'user', content: '更正式' },
      { role: 'assistant', content: draftText },
      { role: 'user', content: '精简' },
      { role: 'assistant', content: r.text },
    ]);
    expect(r.promptId).toBe('revise');
  });
});

describe('an aborted draft', () => {
  it('rejects with the signal reason', async () => {
    const { form, report } = seed();
    const controller = new AbortController();
    controller.abort(new Error('tab closed'));
    await expect(drafter.draft({ form, report, path: 'goals.actual' }, undefined, controller.signal)).rejects.toThrow(
      'tab closed',
    );
  });
});
