/**
 * Drafting and revising with a model, end to end: the real server configured (ZIPING_MODEL,
 * OPENAI_BASE_URL, OPENAI_API_KEY) to talk to the loopback OpenAI-compatible server, which
 * streams scripted answers slowly enough that the page shows text arriving. The page must show
 * the stream, then the finished text with its origin, a batch draft with its progress, and a
 * revision as a diff that lands only when accepted; the API must then store the model's origin.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startOpenAIServer,
  type OpenAIServer,
  type RecordedRequest,
  type ScriptedReply,
} from '../support/openai-server.js';
import { seedInput } from '../support/seed-forms.js';
import { browserTestsEnabled, launchChromium, watchPageErrors, type LaunchedBrowser } from './browser.js';
import { api, waitForSaved } from './helpers.js';
import { startTestServer, type TestServer } from './server.js';

const MODEL = 'loopback-model';

/** Answers that pass the drafting checks for the seed's rows 5–7 (numbers all from the form). */
// Causes the form does not give are placeholders: a model's own cause fails the checks (issue #13)
const DRAFTS: Record<string, string> = {
  智算平台运行保障:
    '该指标年度指标值为≥200台，实际完成296台，偏差率48%。偏差原因：〔待补充：超额原因〕。改进措施：今后将结合往年完成情况科学设定指标值。',
  支持智源学者:
    '该指标为反向指标，年度指标值为≤10人，实际为20人，超出上限10人，偏差率100%。偏差原因：〔待补充：超出上限的原因〕。改进措施：后续将加强过程控制。',
  超大规模智能模型科研攻关:
    '该指标年度指标值为≥3项，实际完成4项，完成率133.33%，超出指标值33.33%。偏差原因：〔待补充：超额原因〕。改进措施：今后将结合往年完成情况科学设定指标值。',
};
const REVISION =
  '该指标年度指标值为≥3项，实际完成4项，偏差率33.33%。偏差原因：〔待补充：超额原因〕。今后将科学设定指标值。';
const REVISE_REQUEST = '请改得更简洁一些';

function replyFor(request: RecordedRequest): ScriptedReply {
  const messages = request.body?.messages ?? [];
  const all = messages.map((m) => m.content).join('\n');
  // A revision ends with the user's request, introduced by 修改要求 (src/drafting/messages.ts).
  if (messages.at(-1)?.content.includes('修改要求：')) return { text: REVISION, chunkDelayMs: 15, chunkSize: 6 };
  // The row asked about is the one named as its 三级指标 (the goals and other cells may name other rows too)
  const row = Object.keys(DRAFTS).find((name) => all.includes(`"三级指标": "${name}"`));
  // 支持智源学者 is answered at once and 智算平台运行保障 after a pause, so a batch of the two shows
  // 1/2 done for a while (a batch asks without streaming, so the pause is before the answer).
  return {
    text: row ? DRAFTS[row]! : '好的。',
    delayMs: row === '智算平台运行保障' ? 700 : 0,
    chunkDelayMs: 25,
    chunkSize: 4,
  };
}

describe.skipIf(!browserTestsEnabled())('web page drafting with a model (loopback)', () => {
  let model: OpenAIServer;
  let server: TestServer;
  let browser: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let formId = '';

  beforeAll(async () => {
    model = await startOpenAIServer({ defaultReply: replyFor });
    server = await startTestServer({
      env: {
        OPENAI_BASE_URL: model.baseURL,
        OPENAI_API_KEY: 'test-key',
        ZIPING_MODEL: MODEL,
        ZIPING_MODEL_RETRIES: '0',
      },
    });
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    errors = watchPageErrors(page);
    const created = await api(server.url, 'POST', '/api/forms', { form: seedInput() });
    formId = created.id;
    await page.goto(`${server.pageUrl}#/forms/${encodeURIComponent(formId)}`);
    await page.locator('#f-indicators-6-deviation').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await model?.close();
  });

  it('streams a model draft into the cell, then shows the finished text and its origin', async () => {
    const cell = page.locator('#f-indicators-6-deviation');
    const box = page.locator('[data-narrative="indicators.6.deviation"]');
    await page.getByRole('button', { name: '起草：第7行 偏差原因分析及改进措施' }).click();
    // While the model is still writing, part of the text is already in the cell.
    await page.waitForFunction(() => {
      const area = document.getElementById('f-indicators-6-deviation') as HTMLTextAreaElement;
      const busy = area.closest('[data-narrative]')?.getAttribute('aria-busy') === 'true';
      return busy && area.value.length > 0 && area.value.length < 40;
    });
    await expect.poll(() => box.getAttribute('aria-busy')).toBe('false');
    expect(await cell.inputValue()).toBe(DRAFTS.超大规模智能模型科研攻关);
    expect(await box.locator('.origin-badge').textContent()).toBe(`模型起草 · ${MODEL}`);
    expect(await box.locator('mark.unknown-number').count()).toBe(0);
    const request = model.requests.find(
      (r) => r.body?.stream && JSON.stringify(r.body.messages).includes('超大规模智能模型科研攻关'),
    );
    expect(request?.body?.model).toBe(MODEL);
  });

  it('drafts every cell that needs a text with a progress display', async () => {
    // Record every state the progress display goes through (a poll could miss a quick one).
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="draft-progress"]')!;
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = el.closest('.draft-progress') as HTMLElement;
        if (!bar.hidden) seen.push(el.textContent ?? '');
      }).observe(el.closest('.draft-progress')!, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    await page.getByRole('button', { name: '起草全部' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen.length))
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('.draft-progress').isVisible(), { timeout: 15_000 }).toBe(false);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen).toContainEqual(expect.stringMatching(/^正在起草（已完成 0\/2）：第[56]行 偏差原因分析及改进措施$/));
    // cells are drafted side by side, so either row may be the one still being written at 1/2
    expect(seen).toContainEqual(expect.stringMatching(/^正在起草（已完成 1\/2）：第[56]行 偏差原因分析及改进措施$/));
    expect(seen.at(-1)).toBe('已完成 2/2');
    expect(await page.locator('#f-indicators-4-deviation').inputValue()).toBe(DRAFTS.智算平台运行保障);
    expect(await page.locator('#f-indicators-5-deviation').inputValue()).toBe(DRAFTS.支持智源学者);
    expect(await page.locator('#f-indicators-6-deviation').inputValue()).toBe(DRAFTS.超大规模智能模型科研攻关); // not redrafted
  });

  it('revises by chat: the proposal is a diff, and only an accepted one changes the cell', async () => {
    const cell = page.locator('#f-indicators-6-deviation');
    const before = await cell.inputValue();
    await page.getByRole('button', { name: '对话修改：第7行 偏差原因分析及改进措施' }).click();
    const dialog = page.getByRole('dialog', { name: '对话修改：第7行 偏差原因分析及改进措施' });
    await dialog.getByLabel('修改要求').fill(REVISE_REQUEST);
    await dialog.getByRole('button', { name: '发送' }).click();
    await dialog.getByRole('button', { name: '放弃' }).waitFor();
    expect(await dialog.locator('figure.diff ins').count()).toBeGreaterThan(0);
    expect(await dialog.locator('figure.diff del').count()).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: '放弃' }).click();
    expect(await cell.inputValue()).toBe(before);

    await dialog.getByRole('button', { name: '精简' }).click();
    const accept = dialog.getByRole('button', { name: '采纳' });
    await accept.waitFor();
    await accept.click();
    expect(await cell.inputValue()).toBe(REVISION);
    await dialog.getByRole('button', { name: '关闭' }).click();

    await page.keyboard.press('Control+s');
    await waitForSaved(page, 2);
    const stored = await api(server.url, 'GET', `/api/forms/${formId}`);
    expect(stored.form.indicators[6].deviation).toBe(REVISION);
    expect(stored.narratives['indicators.6.deviation'].origin).toMatchObject({ kind: 'model', model: MODEL });
    expect(stored.narratives['indicators.4.deviation'].origin).toMatchObject({ kind: 'model', model: MODEL });
    expect(
      stored.report.issues.filter((i: { path: string; code: string }) => i.code === 'explanation-missing'),
    ).toEqual([]);
  });

  it('ran without page errors', () => {
    expect(errors).toEqual([]);
  });
});
