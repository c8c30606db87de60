import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, startTestServer, type TestServer } from '../support/server.js';
import { seedForm } from '../support/seed.js';

// 支持智源学者 ≤10人 → 20人: reverse cap breached, deviation rate 100%
const GOOD =
  '该指标为反向指标，年度指标值为≤10人，实际为20人，超出上限10人，偏差率100%。偏差原因：〔待补充：超出上限的原因〕。改进措施：后续将科学合理设定指标上限。';
const FIELD = 'indicators.5.deviation';

describe('model drafts through the HTTP routes are held to the row’s facts', () => {
  let model: OpenAIServer;
  let server: TestServer;
  let id: string;
  beforeAll(async () => {
    model = await startOpenAIServer();
    server = await startTestServer({
      env: {
        ZIPING_MODEL: 'test-model',
        OPENAI_BASE_URL: model.baseURL,
        OPENAI_API_KEY: 'sk-test',
        ZIPING_MODEL_RETRIES: '0',
        ZIPING_MODEL_FALLBACK: 'error',
      },
    });
    id = (await jsonOf(await server.send('/api/forms', seedForm()))).id;
  });
  afterAll(async () => {
    await server.stop();
    await model.close();
  });
  beforeEach(() => model.reset());

  it.each([
    [
      'an invented count in numerals',
      GOOD.replace('超出上限10人', '新增青年学者二十五人'),
      'unknown_number',
      '二十五人',
    ],
    ['a wrong deviation rate', GOOD.replace('偏差率100%', '偏差率50%'), 'wrong_figure', '50%'],
    ['completion 100% on a capped row', GOOD.replace('偏差率100%', '完成率100%'), 'wrong_figure', '100%'],
    ['20人 as 20万元', GOOD.replace('实际为20人', '实际为20万元'), 'unit_mismatch', '20万元'],
    ['a score as 1.5万人次', `${GOOD}累计服务1.5万人次。`, 'unit_mismatch', '1.5万人次'],
    [
      'target and actual swapped',
      GOOD.replace('年度指标值为≤10人，实际为20人', '年度指标值为≤20人，实际为10人'),
      'swapped',
      '20人',
    ],
    [
      'an invented cause',
      GOOD.replace('偏差原因：〔待补充：超出上限的原因〕', '因疫情影响，学者名额增加'),
      'invented_cause',
      '因疫情影响，学者名额增加',
    ],
    ['first person', GOOD.replace('后续将', '我们后续将'), 'first_person', '我们'],
  ])('flags %s after the repair also fails', async (_, bad, code, written) => {
    model.enqueue({ text: bad }, { text: bad });
    const draft = await jsonOf(await server.send(`/api/forms/${id}/drafts`, { field: FIELD }));
    expect(draft).toMatchObject({ drafter: 'model', repaired: false, text: bad });
    expect(draft.checks.ok).toBe(false);
    const issue = draft.checks.issues.find((i: { code: string }) => i.code === code);
    expect(bad.slice(...issue.span)).toBe(written);
  });

  it.each([
    ['digits', GOOD],
    [
      'Chinese numerals',
      '该指标年度指标值为不超过十人，实际为二十人，超出上限十人，偏差率百分之百。偏差原因：〔待补充：超出上限的原因〕。后续将科学设定指标值。',
    ],
  ])('passes a correct draft in %s at once', async (_, good) => {
    model.enqueue({ text: good });
    const draft = await jsonOf(await server.send(`/api/forms/${id}/drafts`, { field: FIELD }));
    expect(draft).toMatchObject({ drafter: 'model', text: good, checks: { ok: true, issues: [] } });
    expect(model.requests).toHaveLength(1);
  });

  it('takes a cause the user typed in the chat as a source', async () => {
    const revised = GOOD.replace('〔待补充：超出上限的原因〕', '年度内新增青年学者8名');
    model.enqueue({ text: revised });
    const draft = await jsonOf(
      await server.send(`/api/forms/${id}/chat`, {
        field: FIELD,
        message: '补充原因：年度内新增青年学者8名',
        currentText: GOOD,
      }),
    );
    expect(draft.text).toBe(revised);
    expect(draft.checks.issues.map((i: { code: string }) => i.code)).toEqual([]);
  });
});

describe('POST /api/check and the score report', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('checks every narrative cell as written and lists findings with path and span', async () => {
    const form = seedForm();
    form.indicators[5]!.deviation = GOOD.replace('偏差率100%', '偏差率200%');
    const res = await server.send('/api/check', form);
    expect(res.status).toBe(200);
    const result = await jsonOf(res);
    expect(result.profile).toBe('mof-2020');
    expect(result.cells.map((c: { path: string }) => c.path)).toContain(FIELD);
    const errors = result.findings.filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.map((f: { path: string; code: string; excerpt: string }) => [f.path, f.code, f.excerpt])).toEqual([
      [FIELD, 'wrong_figure', '200%'],
      [FIELD, 'placeholder_left', '〔待补充：超出上限的原因〕'],
    ]);
  });

  it('checks one proposed text for one field', async () => {
    const result = await jsonOf(
      await server.send('/api/check', {
        form: seedForm(),
        field: FIELD,
        text: GOOD.replace('实际为20人', '实际为20万元'),
      }),
    );
    expect(result.cells).toHaveLength(1);
    expect(result.findings.map((f: { code: string }) => f.code)).toContain('unit_mismatch');
  });

  it.each([
    [{ field: 'indicators.99.deviation', text: '无' }, 'field'],
    [{ field: 'project.name', text: '无' }, 'field'],
    [{ text: '无' }, 'field'],
  ])('refuses %j with a Chinese error naming the field', async (extra, path) => {
    const res = await server.send('/api/check', { form: seedForm(), ...extra });
    expect(res.status).toBe(400);
    const body = await jsonOf(res);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues[0].path).toBe(path);
  });

  it('reports a left placeholder and a contradicting figure among the score issues', async () => {
    const form = seedForm();
    form.indicators[5]!.deviation = GOOD.replace('偏差率100%', '偏差率200%');
    const report = await jsonOf(await server.send('/api/score', form));
    const mine = report.issues.filter((i: { code: string }) => i.code.startsWith('narrative-'));
    expect(mine.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([
      [FIELD, 'narrative-contradicts-table'],
      [FIELD, 'narrative-placeholder'],
    ]);
    expect(mine[0].message).toMatch(/“200%”与表中数据不符/);
  });
});
