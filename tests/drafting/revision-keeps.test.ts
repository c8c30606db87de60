/**
 * Revisions keep what people wrote (issue #13): a cell a person wrote, asked `控制在80字以内`,
 * `更正式一些` and `补充改进措施`, keeps its cause and its measure, on the built-in drafter and
 * through a model on the loopback OpenAI server; a cause typed in the chat becomes a source.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NarrativePath } from '../../src/core/index.js';
import {
  createBuiltinDrafter,
  createModelDrafter,
  countChars,
  readDataBlock,
  type Drafter,
} from '../../src/drafting/index.js';
import { humanParts, partKept } from '../../src/drafting/kept-parts.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { repoPrompts, seed } from './helpers.js';

const prompts = repoPrompts();
const seeded = seed();
const report = seeded.report;
const ROW5: NarrativePath = 'indicators.5.deviation'; // 支持智源学者 ≤10人 → 20人

/** What a unit would write in the cell, in its own words: facts, cause, measure (over 80 characters). */
const WRITTEN =
  '该指标年度指标值为≤10人，实际支持智源学者20人，超出上限10人。偏差原因：2022年下半年智源学者计划升级，' +
  '新增青年学者名额。改进措施：今后将进一步结合学者计划调整情况，科学合理设定指标值。';
const CAUSE = '2022年下半年智源学者计划升级';
/** The seed with the unit's text saved in the cell: what a reviewer reads and the revision starts from. */
const form = {
  ...seeded.form,
  indicators: seeded.form.indicators.map((ind, i) => (i === 5 ? { ...ind, deviation: WRITTEN } : ind)),
};
const MEASURE = '科学合理设定指标值';

function expectKept(text: string): void {
  expect(text).toContain(CAUSE);
  expect(text).toContain(MEASURE);
  for (const part of humanParts(WRITTEN))
    expect({ part: part.label, kept: partKept(part, text) }).toEqual({ part: part.label, kept: true });
}

describe('a cell a person wrote, revised by the built-in drafter', () => {
  const drafter = createBuiltinDrafter({ prompts });

  it.each([
    ['控制在80字以内', (text: string) => expect(countChars(text)).toBeLessThanOrEqual(80)],
    ['更正式一些', (text: string) => expect(text).toMatch(/。$/)],
    ['补充改进措施', (text: string) => expect(text.match(/改进措施|措施：/g)).toHaveLength(1)],
    ['精简一些', (text: string) => expect(countChars(text)).toBeLessThan(countChars(WRITTEN))],
  ] as const)('%s keeps the cause and the measure', async (message, also) => {
    const r = await drafter.revise({ form, report, path: ROW5, currentText: WRITTEN, message });
    expectKept(r.text);
    also(r.text);
    expect(r.checks.issues.filter((i) => i.code !== 'too_long')).toEqual([]);
  });

  it('控制在40字以内 cannot keep them: says so and returns the shortest faithful text', async () => {
    const r = await drafter.revise({ form, report, path: ROW5, currentText: WRITTEN, message: '控制在40字以内' });
    expectKept(r.text);
    expect(r.notice).toMatch(/无法控制在40字以内/);
    expect(r.checks.issues.map((i) => i.code)).toEqual(['too_long']);
  });

  it('a cause typed in the chat replaces the placeholder and its figure becomes a source', async () => {
    const draft = (await drafter.draft({ form: seeded.form, report, path: ROW5 })).text;
    expect(draft).toContain('〔待补充：超出上限的原因〕');
    const r = await drafter.revise({
      form: seeded.form,
      report,
      path: ROW5,
      currentText: draft,
      message: '补充原因：智源学者计划升级为2.0，年中新增8名青年学者',
    });
    expect(r.text).toContain('偏差原因：智源学者计划升级为2.0，年中新增8名青年学者。改进措施：');
    expect(r.checks.placeholders).toEqual([]);
    expect(r.checks.numbers.find((n) => n.text.startsWith('8'))).toMatchObject({
      found: true,
      source: expect.stringMatching(/对话|chat/),
    });
    expect(r.checks.ok).toBe(true);
  });
});

describe('a cell a person wrote, revised through a model', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  const model = (): Drafter =>
    createModelDrafter({
      prompts,
      model: 'loop-model',
      apiKey: 'test-key',
      baseURL: server.baseURL,
      timeoutMs: 2000,
      maxRetries: 0,
    });

  // what a model answers: faithful, or shortened by dropping the cause or the measure
  const FAITHFUL: Record<string, string> = {
    控制在80字以内:
      '指标值≤10人，实际20人，超出上限10人。原因：2022年下半年智源学者计划升级，新增青年学者名额。措施：今后结合学者计划调整情况，科学合理设定指标值。',
    更正式一些: WRITTEN.replace('进一步', ''),
    补充改进措施: WRITTEN,
  };
  const NO_CAUSE = '该指标年度指标值为≤10人，实际支持智源学者20人，超出上限10人。改进措施：今后将科学合理设定指标值。';
  const NO_MEASURE =
    '该指标年度指标值为≤10人，实际20人，超出上限10人。偏差原因：2022年下半年智源学者计划升级，新增青年学者名额。';

  it.each(Object.keys(FAITHFUL))('%s: a faithful answer is taken as it is', async (message) => {
    server.enqueue({ text: FAITHFUL[message]! });
    const r = await model().revise({ form, report, path: ROW5, currentText: WRITTEN, message });
    expect(r.drafter).toBe('model');
    expect(r.text).toBe(FAITHFUL[message]);
    expectKept(r.text);
    expect(server.requests).toHaveLength(1);
  });

  it.each(Object.keys(FAITHFUL))(
    '%s: an answer that drops the cause is sent back once, and the repair is kept',
    async (message) => {
      server.enqueue({ text: NO_CAUSE }, { text: FAITHFUL[message]! });
      const r = await model().revise({ form, report, path: ROW5, currentText: WRITTEN, message });
      expect(server.requests).toHaveLength(2);
      const repair = server.requests[1]!.body!.messages.at(-1)!.content as string;
      expect(repair).toMatch(/缺少偏差原因|修改稿删去了当前文本（<<<TEXT 中）已有的偏差原因/);
      expect(r).toMatchObject({ drafter: 'model', text: FAITHFUL[message], repaired: true });
      expectKept(r.text);
    },
  );

  it.each(Object.keys(FAITHFUL))(
    '%s: a model that drops the measure twice gets the built-in revision instead',
    async (message) => {
      server.enqueue({ text: NO_MEASURE }, { text: NO_MEASURE });
      const r = await model().revise({ form, report, path: ROW5, currentText: WRITTEN, message });
      expect(r.drafter).toBe('builtin');
      expect(r.notice).toMatch(/模型的修改稿删去了原文的改进措施，已改用内置起草器的修改结果/);
      expectKept(r.text);
      expect(r.history).toHaveLength(2);
    },
  );

  it('shows the model the text the unit already wrote and the project goals as data', async () => {
    const written = form.indicators[1]!.deviation!;
    server.enqueue({ text: `该指标年度指标值为≥2个，实际完成11个，超出年度指标值450%。偏差原因：${written}。` });
    await model().draft({ form, report, path: 'indicators.1.deviation' });
    const data = readDataBlock(server.requests[0]!.body!.messages[1]!.content) as Record<string, unknown>;
    expect(data.表中原偏差说明).toBe(written);
    expect(String(data.项目年度目标)).toContain('目标1:大模型研发及生态建设方面');
  });

  it('lets the user change the cause when asked to', async () => {
    const changed =
      '该指标年度指标值为≤10人，实际20人，超出上限10人。偏差原因：青年学者集中申报。改进措施：今后将结合学者计划调整情况，科学合理设定指标值。';
    server.enqueue({ text: changed });
    const r = await model().revise({
      form,
      report,
      path: ROW5,
      currentText: WRITTEN,
      message: '把原因改成青年学者集中申报',
    });
    expect(r).toMatchObject({ drafter: 'model', text: changed });
    expect(server.requests).toHaveLength(1);
  });
});
