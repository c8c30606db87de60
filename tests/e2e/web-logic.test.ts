/**
 * The page's pure logic, without a browser: the SSE parser the draft stream relies on, the
 * three-way merge behind conflict resolution, the highlight runs of a checked text, number
 * reading, the editor model's rescoring, stale marks and row moves, and the page's HTTP headers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SseParser } from '../../src/web/sse.js';
import { mergeForms, resolveMerge } from '../../src/web/merge.js';
import { checkCell } from '../../src/web/draft-checks.js';
import { markRuns } from '../../src/web/text-marks.js';
import { parseNumberText, pathLabel, charCount } from '../../src/web/format.js';
import { FormModel } from '../../src/web/form-model.js';
import { evaluate, loadValidation } from '../../src/web/evaluation.js';
import {
  fundingSubRowOf,
  indicatorCellOf,
  indicatorCellPath,
  isNarrativePath,
} from '../../src/core/narratives/paths.js';
import { cellsNeedingText, originOfDraft } from '../../src/web/draft-panel.js';
import { seedInput } from '../support/seed-forms.js';
import { CONTENT_SECURITY_POLICY, webRoutes } from '../../src/app/routes/web.js';

// The page loads its schema check after it starts; these tests check forms with it, as the page does once loaded
beforeAll(() => loadValidation());

describe('SseParser', () => {
  it('reads events split across chunks, CRLF lines, comments and multi-line data', () => {
    const parser = new SseParser();
    const events = [
      ...parser.push('event: delta\r\ndata: {"text":"本项'),
      ...parser.push('目"}\r\n\r\n: keep-alive\n\nevent: done\ndata: {"a":1}\ndata: {"b":2}\n'),
      ...parser.push('\n'),
    ];
    expect(events).toEqual([
      { event: 'delta', data: '{"text":"本项目"}' },
      { event: 'done', data: '{"a":1}\n{"b":2}' },
    ]);
  });

  it('keeps a lone CR until it knows whether LF follows, and flushes the last event at the end', () => {
    const parser = new SseParser();
    expect(parser.push('data: x\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual([{ event: 'message', data: 'x' }]);
    expect(parser.push('event: done\ndata: y')).toEqual([]);
    expect(parser.end()).toEqual([{ event: 'done', data: 'y' }]);
  });
});

describe('mergeForms', () => {
  it('takes fields only they changed, keeps fields only I changed, and reports fields both changed', () => {
    const base = seedInput();
    const mine = seedInput();
    const theirs = seedInput();
    mine.project.phone = '123';
    mine.indicators[0]!.actual = '7个';
    theirs.project.name = '新名称';
    theirs.indicators[0]!.actual = '5个';
    theirs.funding!.carryover = { initial: 1, annual: 1, executed: 1 };
    const result = mergeForms(base, mine, theirs);
    expect(result.merged.project.phone).toBe('123');
    expect(result.merged.project.name).toBe('新名称');
    expect(result.merged.funding?.carryover).toMatchObject({ initial: 1, annual: 1, executed: 1 });
    expect(result.conflicts.map((c) => c.path)).toEqual(['indicators.0.actual']);
    expect(result.merged.indicators[0]!.actual).toBe('7个');
    expect(resolveMerge(result, new Set(['indicators.0.actual'])).indicators[0]!.actual).toBe('5个');
  });

  it('treats the indicator table as one unit when rows were added or removed on both sides', () => {
    const base = seedInput();
    const mine = seedInput();
    const theirs = seedInput();
    mine.indicators.pop();
    theirs.indicators.push({ ...theirs.indicators[0]!, name: '新增' });
    const result = mergeForms(base, mine, theirs);
    expect(result.conflicts.map((c) => c.path)).toEqual(['indicators']);
    expect(resolveMerge(result, new Set(['indicators'])).indicators.at(-1)!.name).toBe('新增');
  });

  it('takes their added rows when I did not touch the table, and empty text equals null', () => {
    const base = seedInput();
    const mine = seedInput();
    const theirs = seedInput();
    theirs.indicators.push({ ...theirs.indicators[0]!, name: '新增' });
    mine.indicators[0]!.deviation = null;
    base.indicators[0]!.deviation = '';
    const result = mergeForms(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.merged.indicators).toHaveLength(base.indicators.length + 1);
  });
});

describe('markRuns', () => {
  it('splits text into runs with the most important overlapping mark', () => {
    const runs = markRuns('abcdef', [
      { kind: 'too-long', start: 2, end: 6, title: 'long' },
      { kind: 'unknown-number', start: 3, end: 4, title: 'num' },
    ]);
    expect(runs.map((r) => [r.text, r.mark?.kind ?? null])).toEqual([
      ['ab', null],
      ['c', 'too-long'],
      ['d', 'unknown-number'],
      ['ef', 'too-long'],
    ]);
  });

  it('marks a number not in the form and a placeholder in a deviation text', () => {
    const { form, report } = evaluate(seedInput());
    const text = '实际完成值为999台，原因〔待补充：原因〕。';
    const checks = checkCell(text, form, report, 'indicators.4.deviation');
    const kinds = checks.marks.map((m) => [m.kind, text.slice(m.start, m.end)]);
    expect(kinds).toContainEqual(['unknown-number', '999台']);
    expect(kinds).toContainEqual(['placeholder', '〔待补充：原因〕']);
    expect(checks.maxChars).toBe(200);
  });

  it('does not let a text vouch for its own numbers, but lets a proposal use the current text', () => {
    const input = seedInput();
    const text = '实际完成6个，另有999台设备未到货。';
    input.indicators[0]!.deviation = text;
    const { form, report } = evaluate(input);
    const own = checkCell(text, form, report, 'indicators.0.deviation');
    expect(own.marks.filter((m) => m.kind === 'unknown-number').map((m) => text.slice(m.start, m.end))).toEqual([
      '999台',
    ]);
    const proposal = checkCell('另有999台设备未到货。', form, report, 'indicators.0.deviation', { asProposal: true });
    expect(proposal.marks.filter((m) => m.kind === 'unknown-number')).toEqual([]);
  });
});

describe('format', () => {
  it('reads numbers as people type them', () => {
    expect(parseNumberText('20,500.00')).toBe(20500);
    expect(parseNumberText('２０５００')).toBe(20500);
    expect(parseNumberText(' ')).toBeNull();
    expect(parseNumberText('十')).toBeUndefined();
    expect(parseNumberText('1.2.3')).toBeUndefined();
  });

  it('names paths in Chinese and counts characters, not UTF-16 units', () => {
    expect(pathLabel('indicators.5.score')).toBe('第6行 得分');
    expect(pathLabel('funding.total.executed')).toBe('年度资金总额 全年执行数');
    expect(charCount('𠮷野家')).toBe(3);
  });
});

describe('FormModel', () => {
  it('rescores on every change and reports unreadable numbers as errors', () => {
    const model = new FormModel('x', 1, seedInput());
    expect(model.evaluation.report.total).toBe(87.5);
    model.set('indicators.0.actual', '3个');
    expect(model.evaluation.report.indicators[0]!.score).toBe(2.5);
    expect(model.evaluation.report.total).toBe(85);
    model.set('indicators.0.weight', null, '五');
    expect(model.evaluation.validation.map((v) => v.path)).toContain('indicators.0.weight');
    expect(model.isDirty()).toBe(true);
  });

  it('marks a drafted text stale when its row numbers change, but not when the row only moves', () => {
    const model = new FormModel('x', 1, seedInput());
    const path = 'indicators.6.deviation';
    model.setNarrative(path, '实际完成4项，超出指标值。', { kind: 'builtin' }, model.snapshotOf(path));
    expect(model.isStale(path)).toBe(false);
    model.moveRow(6, -1);
    expect(model.isStale('indicators.5.deviation')).toBe(false);
    model.set('indicators.5.actual', '5项');
    expect(model.isStale('indicators.5.deviation')).toBe(true);
    expect(model.origins()).toEqual({ 'indicators.5.deviation': { kind: 'builtin' } });
  });

  it('keeps a drafted text fresh when a row is inserted above it (its snapshot moves down with it)', () => {
    const model = new FormModel('x', 1, seedInput());
    const path = 'indicators.6.deviation';
    model.setNarrative(path, '实际完成4项，超出指标值。', { kind: 'builtin' }, model.snapshotOf(path));
    model.addRow(2);
    expect(model.isStale('indicators.7.deviation')).toBe(false);
    model.set('indicators.7.actual', '5项');
    expect(model.isStale('indicators.7.deviation')).toBe(true);
  });

  it('treats saved texts the server calls stale as stale', () => {
    const model = new FormModel('x', 1, seedInput(), {
      'indicators.1.deviation': { origin: { kind: 'human' }, stale: true },
    });
    expect(model.isStale('indicators.1.deviation')).toBe(true);
    expect(model.isStale('goals.actual')).toBe(false);
  });

  it('lists the cells that need a text and records draft origins', () => {
    const model = new FormModel('x', 1, seedInput());
    expect(cellsNeedingText(model)).toEqual([
      'indicators.4.deviation',
      'indicators.5.deviation',
      'indicators.6.deviation',
    ]);
    expect(
      originOfDraft({
        path: 'goals.actual',
        text: 't',
        drafter: 'model',
        model: 'qwen',
        promptId: 'p',
        promptVersion: '2',
      }),
    ).toEqual({ kind: 'model', drafter: 'model', model: 'qwen', promptId: 'p', promptVersion: '2' });
    expect(originOfDraft({ path: 'goals.actual', text: 't', drafter: 'builtin', promptId: 'p' })).toEqual({
      kind: 'builtin',
      drafter: 'builtin',
      promptId: 'p',
    });
  });
});

describe('webRoutes', () => {
  const encoder = new TextEncoder();
  const app = webRoutes([
    {
      path: '/',
      contentType: 'text/html; charset=utf-8',
      body: encoder.encode('<!doctype html><title>t</title>'),
      immutable: false,
    },
    {
      path: '/assets/app-ABC.js',
      contentType: 'text/javascript; charset=utf-8',
      body: encoder.encode('export {}'),
      immutable: true,
    },
  ]);

  it('serves the page with the CSP and revalidation, and hashed assets for a year', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = await app.request('/assets/app-ABC.js');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('export {}');
  });

  it('answers 304 to a matching If-None-Match and leaves other paths to the rest of the app', async () => {
    const first = await app.request('/');
    const etag = first.headers.get('etag')!;
    const again = await app.request('/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await app.request('/api/forms')).status).toBe(404);
    expect((await app.request('/assets/missing.js')).status).toBe(404);
  });
});

describe('narrative paths on the page', () => {
  it.each([
    ['goals.actual', true],
    ['indicators.0.deviation', true],
    ['indicators.12.deviation', true],
    ['indicators.01.deviation', false],
    ['indicators.-1.deviation', false],
    ['indicators.3.target', false],
    ['goals.expected', false],
  ])('agrees with core on %s (%s)', (path, expected) => {
    expect(isNarrativePath(path)).toBe(expected);
    const model = new FormModel('x', 1, seedInput());
    if (!expected) expect(model.metaOf(path)).toBeUndefined();
    if (path === 'indicators.0.deviation') expect(model.metaOf(path)).toBeDefined();
  });
});

describe('cell paths on the page, read by core (core/narratives/paths.ts)', () => {
  it.each([
    ['indicators.0.weight', { row: 0, field: 'weight' }],
    ['indicators.1999.score', { row: 1999, field: 'score' }],
    ['indicators.2000.score', null],
    ['indicators.01.score', null],
    ['indicators.3.', null],
    ['funding.total.executed', null],
  ])('%s → %j', (path, cell) => {
    expect(indicatorCellOf(path)).toEqual(cell);
    if (cell) expect(indicatorCellPath(cell.row, cell.field)).toBe(path);
  });

  it.each([
    ['funding.appropriation.initial', 'appropriation'],
    ['funding.carryover.executed', 'carryover'],
    ['funding.other.annual', 'other'],
    ['funding.total.executed', null],
    ['funding.other', null],
    ['funding.weight', null],
    ['indicators.0.weight', null],
  ])('%s is in the 其中 row %j', (path, row) => {
    expect(fundingSubRowOf(path)).toBe(row);
  });

  it('moves and drops unreadable number cells with their rows', () => {
    const model = new FormModel('x', 1, seedInput());
    model.set('indicators.2.weight', null, '五');
    model.set('indicators.4.score', null, '两分');
    model.set('funding.total.executed', null, '一百');
    model.addRow(3);
    expect([...model.unreadable]).toEqual([
      ['indicators.2.weight', '五'],
      ['indicators.5.score', '两分'],
      ['funding.total.executed', '一百'],
    ]);
    model.moveRow(5, -1);
    model.removeRow(2);
    expect([...model.unreadable]).toEqual([
      ['indicators.3.score', '两分'],
      ['funding.total.executed', '一百'],
    ]);
  });

  it('stores an emptied 其中 funding row as null, as the seed does, and keeps the 总额 row', () => {
    const input = seedInput();
    input.funding = { ...input.funding!, carryover: { initial: 5, annual: null, executed: null, score: null } };
    const model = new FormModel('x', 1, input);
    model.set('funding.carryover.initial', null);
    expect(model.form.funding?.carryover).toBeNull();
    model.set('funding.total.initial', null);
    expect(model.form.funding?.total).not.toBeNull();
  });
});
