import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipingError } from '../../src/core/errors.js';
import type { NarrativePath } from '../../src/core/index.js';
import {
  cellsNeedingText,
  createBuiltinDrafter,
  createModelDrafter,
  draftMany,
  isFillerText,
  readDataBlock,
  type BatchProgress,
  type DraftRequest,
} from '../../src/drafting/index.js';
import { startOpenAIServer, type OpenAIServer, type RecordedRequest } from '../support/openai-server.js';
import { outcomes, repoPrompts, seed } from './helpers.js';

const prompts = repoPrompts();
const builtin = createBuiltinDrafter({ prompts });

/** The cell a model request is about, read from its data block. */
function cellOf(request: RecordedRequest): NarrativePath {
  const data = readDataBlock(request.body!.messages[1]!.content) as { 单元格路径: NarrativePath };
  return data.单元格路径;
}

describe('cellsNeedingText', () => {
  it('lists goals.actual and each row that needs an explanation, for the outcomes form', () => {
    const { form, report } = outcomes();
    expect(cellsNeedingText(form, report)).toEqual([
      'goals.actual',
      'indicators.0.deviation',
      'indicators.1.deviation',
      'indicators.2.deviation',
      'indicators.3.deviation',
      'indicators.4.deviation',
    ]);
  });

  it.each([
    ['', true],
    ['无', true],
    ['暂无', true],
    ['/', true],
    ['—', true],
    ['0', true],
    ['无。', true],
    ['合同签订延迟', false],
  ])('treats %j as filler: %s', (text, filler) => {
    expect(isFillerText(text)).toBe(filler);
  });
});

describe('draftMany', () => {
  let server: OpenAIServer;
  const { form, report } = seed();
  const cells = cellsNeedingText(form, report);
  const texts = new Map<NarrativePath, string>();

  beforeAll(async () => {
    for (const path of cells) texts.set(path, (await builtin.draft({ form, report, path })).text);
    server = await startOpenAIServer({
      // a model that writes each cell's clean text after 50 ms, and fails on row 5
      defaultReply: (request) => {
        const path = cellOf(request);
        return path === 'indicators.5.deviation'
          ? { status: 400, errorMessage: 'bad request' }
          : { text: texts.get(path), delayMs: 50 };
      },
    });
  });
  afterAll(() => server.close());

  it('drafts every cell of the seed with the built-in drafter, in order', async () => {
    const progress: BatchProgress[] = [];
    const items = await draftMany(
      builtin,
      cells.map((path) => ({ form, report, path })),
      { onProgress: (p) => progress.push(p) },
    );
    expect(items.map((i) => i.path)).toEqual(cells);
    expect(items.every((i) => i.ok && i.result.checks.ok)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.every((p) => p.total === 4)).toBe(true);
  });

  it('keeps at most `concurrency` model calls in flight; a failed cell does not stop the others', async () => {
    server.reset();
    const model = createModelDrafter({ prompts, model: 'loop', baseURL: server.baseURL, maxRetries: 0 });
    const requests: DraftRequest[] = Array.from({ length: 12 }, (_, i) => ({
      form,
      report,
      path: cells[i % cells.length]!,
    }));
    const items = await draftMany(model, requests, { concurrency: 3 });
    expect(server.stats.maxInFlight).toBe(3);
    expect(items).toHaveLength(12);
    items.forEach((item, i) => {
      expect(item.path).toBe(requests[i]!.path);
      if (item.path === 'indicators.5.deviation') {
        expect(item.ok).toBe(false);
        expect(!item.ok && item.error).toBeInstanceOf(ZipingError);
        expect(!item.ok && item.error.message).toMatch(/HTTP 400/);
      } else {
        expect(item.ok && item.result.text).toBe(texts.get(item.path));
      }
    });
  });

  it('stops starting cells when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(
      draftMany(builtin, [{ form, report, path: 'goals.actual' }], { signal: controller.signal }),
    ).rejects.toThrow('stopped');
  });
});
