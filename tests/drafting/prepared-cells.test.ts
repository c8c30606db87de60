/**
 * The model drafter's prompt kept per stored version (prepared-cells.ts): the same cell of the same
 * form and report objects (a stored version, as the store hands it out) is prepared once; another
 * version, report, limit or cell is prepared anew; and through the drafter, a draft asked again
 * sends the model the same messages, while a new version's draft is written from its own numbers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NarrativePath } from '../../src/core/index.js';
import { createModelDrafter } from '../../src/drafting/index.js';
import { KEPT_CELLS, type PreparedCell, PreparedCells } from '../../src/drafting/prepared-cells.js';
import type { DraftRequest } from '../../src/drafting/types.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { repoPrompts, scored, seed, seedInput } from './helpers.js';

const ROW4: NarrativePath = 'indicators.4.deviation';

/** A cache whose every preparation is counted (the prepared cell is a plain marker object). */
function counted() {
  const cells = new PreparedCells();
  let made = 0;
  const get = (req: DraftRequest) =>
    cells.get(req, () => {
      made++;
      return { made } as unknown as PreparedCell;
    });
  return { get, made: () => made };
}

describe('prepared cells', () => {
  const { form, report } = seed();

  it('prepares a cell of one stored version once', () => {
    const c = counted();
    const first = c.get({ form, report, path: ROW4 });
    expect(c.get({ form, report, path: ROW4 })).toBe(first);
    expect(c.made()).toBe(1);
  });

  it.each([
    ['another version of the form', () => ({ ...scored(seedInput()), path: ROW4 })],
    ['the form scored again', () => ({ form, report: { ...report }, path: ROW4 })],
    ['another limit', () => ({ form, report, path: ROW4, maxChars: 150 })],
    ['another over-achievement ratio', () => ({ form, report, path: ROW4, overAchievementRatio: 1.5 })],
    ['another cell', () => ({ form, report, path: 'goals.actual' as NarrativePath })],
  ])('prepares anew for %s', (_what, other) => {
    const c = counted();
    c.get({ form, report, path: ROW4 });
    c.get(other());
    expect(c.made()).toBe(2);
  });

  it(`keeps the ${KEPT_CELLS} cells drafted last`, () => {
    const c = counted();
    const req = (maxChars: number): DraftRequest => ({ form, report, path: ROW4, maxChars });
    for (let i = 0; i <= KEPT_CELLS; i++) c.get(req(100 + i));
    expect(c.made()).toBe(KEPT_CELLS + 1);
    c.get(req(100 + KEPT_CELLS)); // the newest is kept
    expect(c.made()).toBe(KEPT_CELLS + 1);
    c.get(req(100)); // the oldest was forgotten
    expect(c.made()).toBe(KEPT_CELLS + 2);
  });
});

describe('the model drafter, drafting a cell again', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer({ defaultReply: { text: '该指标完成率148%。' } });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  const drafter = () =>
    createModelDrafter({ prompts: repoPrompts(), model: 'm', baseURL: server.baseURL, maxRetries: 0, repair: false });

  it('sends the same messages for the same version, and a new version’s own numbers', async () => {
    const d = drafter();
    const { form, report } = seed();
    await d.draft({ form, report, path: ROW4 });
    await d.draft({ form, report, path: ROW4 });
    const input = seedInput();
    input.indicators[4]!.actual = '310台';
    const next = scored(input);
    await d.draft({ ...next, path: ROW4 });
    const sent = server.requests.map((r) => r.body!.messages[1]!.content);
    expect(sent[1]).toBe(sent[0]);
    expect(sent[0]).toMatch(/完成率148%/);
    expect(sent[2]).toMatch(/完成率155%/);
  });
});
