/**
 * The 自评报告's prose through the draft checks: the built-in prose of the seed and every fixture
 * passes them; a model's sections (the loopback OpenAI-protocol server) are used only when they
 * pass, and a section with an invented figure or cause, or a broken answer, falls back to the
 * built-in one, which the export says (X-Ziping-Report-Prose).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreForm, type Form } from '../../src/core/index.js';
import { createTextModel } from '../../src/drafting/text-model.js';
import { formToDocx } from '../../src/io/export/docx.js';
import { buildReportProse } from '../../src/io/export/report-prose.js';
import { proseHeader, writeReportProse } from '../../src/io/export/report-prose-model.js';
import { fixtureForm, fixtureIds } from '../support/fixture-form.js';
import { startOpenAIServer, type OpenAIServer, type RecordedRequest } from '../support/openai-server.js';
import { readDocxXml } from '../support/ooxml.js';
import { seedInput } from '../support/seed-forms.js';
import { seedForm } from '../support/seed.js';
import { jsonOf, startTestServer } from '../support/server.js';

const forms: [string, () => Form][] = [
  ['seed', seedForm],
  ...fixtureIds().map((id): [string, () => Form] => [`fixture ${id}`, () => fixtureForm(id)]),
];

describe.each(forms)('%s: the built-in prose', (_, make) => {
  it('passes the draft checks, section by section', async () => {
    const form = make();
    const outcome = await writeReportProse(form, scoreForm(form));
    expect(outcome.model).toBeNull();
    expect(outcome.sections.map((s) => [s.heading, s.by, s.issues.map((i) => i.message)])).toEqual(
      outcome.prose.sections.map((s) => [s.heading, 'builtin', []]),
    );
  });
});

/** What the fake model writes for each section, keyed by the heading in the prompt. */
type Script = Record<string, (builtin: string[][]) => string>;
const asAnswer = (parts: string[][]) => JSON.stringify({ parts });

let openai: OpenAIServer;
let script: Script = {};
function reply(request: RecordedRequest) {
  const content = request.body?.messages[0]?.content ?? '';
  const heading = /“([一二三四五]、[^”]{1,20})”一节/.exec(content)?.[1] ?? '';
  const data = JSON.parse(content.slice(content.lastIndexOf('<<<DATA') + 7, content.lastIndexOf('DATA>>>')));
  const builtin = (data.本节内置文字 as { 段落: string[] }[]).map((p) => p.段落);
  return { text: (script[heading] ?? asAnswer)(builtin) };
}
beforeAll(async () => {
  openai = await startOpenAIServer({ defaultReply: reply });
});
afterAll(async () => {
  await openai.close();
});
const model = () => createTextModel({ model: 'prose-model', baseURL: openai.baseURL, maxRetries: 0 });

describe('the model writes the report', () => {
  it('keeps the sections that pass and falls back, saying why, for an invented figure, cause or a broken answer', async () => {
    const form = seedForm();
    const report = scoreForm(form);
    const builtin = buildReportProse(form, report);
    script = {
      '一、项目概况': (b) => asAnswer(b.map((p) => p.map((s) => s.replace(/^(.{0,200})$/, '$1')))),
      // an execution rate the form does not have
      '二、绩效目标及完成情况': (b) => asAnswer([[...b[0]!], [...b[1]!, '本项目预算执行率为95%。'], b[2]!]),
      // a cause no cell of the form gives
      '三、偏差及原因分析': (b) => asAnswer([[...b[0]!, '部分指标未完成主要是受疫情影响，人员无法到岗。']]),
      '四、改进措施': () => '好的，以下是改写：{"parts": [["后续将',
      '五、自评结论': () => asAnswer([[`经自评，本项目绩效自评总分为89.00分，评价等级为“良”。`]]),
    };
    const outcome = await writeReportProse(form, report, model());
    expect(outcome.sections.map((s) => [s.heading, s.by])).toEqual([
      ['一、项目概况', 'model'],
      ['二、绩效目标及完成情况', 'builtin'],
      ['三、偏差及原因分析', 'builtin'],
      ['四、改进措施', 'builtin'],
      ['五、自评结论', 'model'],
    ]);
    expect(outcome.sections[1]!.fallback).toMatch(/^核查未通过：.*95%/);
    expect(outcome.sections[2]!.fallback).toMatch(/^核查未通过：/);
    expect(outcome.sections[3]!.fallback).toBe('模型的回答不是所要求的 JSON');
    expect(outcome.prose.sections[2]).toEqual(builtin.sections[2]);
    expect(proseHeader(outcome)).toBe('model=prose-model; fallback=2,3,4; findings=0');
    const doc = readDocxXml(await formToDocx(form, report, 'report', outcome.prose));
    expect(doc.paragraphs).toContain('经自评，本项目绩效自评总分为89.00分，评价等级为“良”。');
    expect(doc.paragraphs.some((p) => p.includes('受疫情影响'))).toBe(false);
  });

  it('GET export.docx uses the configured model and says what it did in X-Ziping-Report-Prose', async () => {
    script = {
      '五、自评结论': () => asAnswer([['经自评，本项目绩效自评总分为89.00分（满分100分），评价等级为“良”。']]),
    };
    const server = await startTestServer({
      env: { ZIPING_MODEL: 'served-model', OPENAI_BASE_URL: openai.baseURL, ZIPING_MODEL_RETRIES: '0' },
    });
    try {
      const created = await jsonOf(await server.send('/api/forms', seedInput()));
      const res = await server.request(`/api/forms/${created.id}/export.docx`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ziping-report-prose')).toBe('model=served-model; fallback=none; findings=0');
      const doc = readDocxXml(new Uint8Array(await res.arrayBuffer()));
      expect(doc.paragraphs).toContain('经自评，本项目绩效自评总分为89.00分（满分100分），评价等级为“良”。');
      const table = await server.request(`/api/forms/${created.id}/export.docx?parts=table`);
      expect(table.headers.get('x-ziping-report-prose')).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
