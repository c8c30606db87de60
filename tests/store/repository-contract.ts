/**
 * The behaviours every FormRepository must have, as one table of tests run against each store
 * (memory and lowdb), so the stores cannot drift apart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreForm, ZipingError } from '../../src/core/index.js';
import { isStale } from '../../src/core/narratives/index.js';
import { MAX_HISTORY_PER_CELL } from '../../src/core/limits.js';
import type { UnitScope } from '../../src/core/access/rights.js';
import type { FormRepository } from '../../src/store/repository.js';
import { saveInputFor, seedForm } from '../support/seed-forms.js';

export interface StoreUnderTest {
  store: FormRepository;
  /** Closes the store and removes what it left behind. */
  dispose(): Promise<void>;
}

/** Expects `promise` to reject with a ZipingError of `code`; returns it for more checks. */
export async function expectZipingError(promise: Promise<unknown>, code: string): Promise<ZipingError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZipingError);
  expect((error as ZipingError).code).toBe(code);
  return error as ZipingError;
}

const T0 = new Date('2024-03-01T08:00:00.000Z');
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

/** The 实际完成情况 text of save `n` in saveCellRepeatedly. */
export const repeatedText = (n: number): string => `第${n}次保存：年度目标基本完成，完成率${n}%。`;

/** Saves past the history limit in the history tests: the oldest HISTORY_OVERFLOW entries are dropped. */
export const HISTORY_OVERFLOW = 5;
/** Saves of one cell in the history tests: MAX_HISTORY_PER_CELL and HISTORY_OVERFLOW more. */
export const HISTORY_SAVES = MAX_HISTORY_PER_CELL + HISTORY_OVERFLOW;
/** The versions a cell keeps after HISTORY_SAVES saves: the newest MAX_HISTORY_PER_CELL. */
export const KEPT_VERSIONS = Array.from({ length: MAX_HISTORY_PER_CELL }, (_, i) => i + HISTORY_OVERFLOW + 1);

/**
 * Creates a form and saves it `count` times in all, each save changing 实际完成情况 (save n by
 * `保存人n` at minute n, text repeatedText(n)); returns the form's id.
 */
export async function saveCellRepeatedly(store: FormRepository, count: number): Promise<string> {
  const formWith = (n: number) => {
    const form = seedForm();
    form.goals!.actual = repeatedText(n);
    return form;
  };
  // Scored once: the report's numbers do not depend on this text, and hundreds of scorings would dominate
  const report = scoreForm(formWith(1));
  const save = (n: number) => ({ form: formWith(n), report, by: `保存人${n}`, at: minutes(n) });
  const created = await store.create(save(1));
  for (let n = 2; n <= count; n++) await store.update(created.id, n - 1, save(n));
  return created.id;
}

/** Registers the shared behaviour table for the store made by `open`. */
export function describeRepositoryContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`${name}: FormRepository behaviours`, () => {
    let subject: StoreUnderTest;
    let store: FormRepository;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.dispose();
    });

    it('creates version 1 with the form, its report and the save time', async () => {
      const form = seedForm();
      const record = await store.create(saveInputFor(form, { at: T0 }));
      expect(record.id).toMatch(/^[0-9a-z]{16}$/);
      expect(record.version).toBe(1);
      expect(record.form.project.name).toBe('北京智源人工智能研究院建设');
      expect(record.report.total).toBe(87.5);
      expect(record.createdAt).toBe(T0.toISOString());
      expect(record.updatedAt).toBe(T0.toISOString());
      expect(await store.get(record.id)).toEqual(record);
    });

    it('gives not_found for an unknown id, also for ids that could never exist', async () => {
      const _error = await expectZipingError(store.get('0000000000000000'), 'not_found');
      await expectZipingError(store.get('../../etc/passwd'), 'not_found');
      await expectZipingError(store.update('0000000000000000', 1, saveInputFor(seedForm())), 'not_found');
      await expectZipingError(store.delete('0000000000000000', 1), 'not_found');
      await expectZipingError(store.history('0000000000000000'), 'not_found');
    });

    it('updates against the current version and records who changed which fields', async () => {
      const created = await store.create(saveInputFor(seedForm(), { at: T0, by: '张三' }));
      const form = seedForm({ name: '智源研究院建设（修订）' });
      form.indicators[3]!.actual = '2项';
      const updated = await store.update(created.id, 1, saveInputFor(form, { at: minutes(5), by: '李四' }));
      expect(updated.version).toBe(2);
      expect(updated.createdAt).toBe(T0.toISOString());
      expect(updated.updatedAt).toBe(minutes(5).toISOString());
      expect(updated.form.project.name).toBe('智源研究院建设（修订）');

      const history = await store.history(created.id);
      expect(history).toEqual([
        { version: 1, at: T0.toISOString(), by: '张三', action: 'create', changes: [] },
        {
          version: 2,
          at: minutes(5).toISOString(),
          by: '李四',
          action: 'update',
          changes: ['project.name', 'indicators.3.actual'],
        },
      ]);
      const first = await store.getVersion(created.id, 1);
      expect(first.form.project.name).toBe('北京智源人工智能研究院建设');
      expect(first.by).toBe('张三');
      await expectZipingError(store.getVersion(created.id, 3), 'not_found');
    });

    it('refuses a save or delete against a stale version and names the current one', async () => {
      const created = await store.create(saveInputFor(seedForm()));
      await store.update(created.id, 1, saveInputFor(seedForm({ name: '第二版' })));
      const error = await expectZipingError(
        store.update(created.id, 1, saveInputFor(seedForm({ name: '迟到的一版' }))),
        'version_conflict',
      );
      expect(error.details).toMatchObject({ currentVersion: 2, expectedVersion: 1 });
      await expectZipingError(store.delete(created.id, 1), 'version_conflict');
      expect((await store.get(created.id)).form.project.name).toBe('第二版');
    });

    it('lets exactly one of two concurrent saves of the same version win', async () => {
      const created = await store.create(saveInputFor(seedForm()));
      const results = await Promise.allSettled([
        store.update(created.id, 1, saveInputFor(seedForm({ name: '甲的修改' }))),
        store.update(created.id, 1, saveInputFor(seedForm({ name: '乙的修改' }))),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0]!.reason as ZipingError).code).toBe('version_conflict');
      expect((lost[0]!.reason as ZipingError).details).toMatchObject({ currentVersion: 2 });
      const current = await store.get(created.id);
      expect(current.version).toBe(2);
      expect(current.form.project.name).toBe(
        (won[0] as PromiseFulfilledResult<{ form: { project: { name: string } } }>).value.form.project.name,
      );
      expect(await store.history(created.id)).toHaveLength(2);
    });

    it('stores 200 concurrent creations of different forms', async () => {
      const records = await Promise.all(
        Array.from({ length: 200 }, (_, i) => store.create(saveInputFor(seedForm({ name: `并发项目${i}` })))),
      );
      expect(new Set(records.map((r) => r.id)).size).toBe(200);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ limit: 100, cursor });
        seen.push(...page.items.map((s) => s.projectName));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(records.map((r) => r.form.project.name).sort());
    });

    it('deletes against the current version', async () => {
      const created = await store.create(saveInputFor(seedForm()));
      await store.delete(created.id, 1);
      await expectZipingError(store.get(created.id), 'not_found');
      await expectZipingError(store.delete(created.id, 1), 'not_found');
      expect((await store.list()).items).toEqual([]);
    });

    it('lists summaries newest first, filtered by year, department and text, page by page', async () => {
      const a = await store.create(saveInputFor(seedForm({ name: '甲项目', year: 2022 }), { at: minutes(1) }));
      const b = await store.create(
        saveInputFor(seedForm({ name: '乙项目', year: 2023, department: '北京市财政局' }), { at: minutes(2) }),
      );
      const c = await store.create(
        saveInputFor(seedForm({ name: '丙项目', year: 2023, implementer: '海淀区科技园' }), { at: minutes(3) }),
      );

      const all = await store.list();
      expect(all.items.map((s) => s.id)).toEqual([c.id, b.id, a.id]);
      expect(all.nextCursor).toBeNull();
      expect(all.items[2]).toEqual({
        id: a.id,
        projectName: '甲项目',
        year: 2022,
        department: '北京市科学技术委员会',
        implementer: '北京市科学技术委员会本级事业',
        total: 87.5,
        selfTotal: 89,
        grade: '良',
        openIssues: a.report.issues.filter((i) => i.severity !== 'info').length,
        version: 1,
        updatedAt: minutes(1).toISOString(),
      });
      expect(all.items[2]!.openIssues).toBe(4);

      expect((await store.list({ year: 2023 })).items.map((s) => s.id)).toEqual([c.id, b.id]);
      expect((await store.list({ department: '北京市财政局' })).items.map((s) => s.id)).toEqual([b.id]);
      expect((await store.list({ department: '北京市' })).items).toEqual([]);
      expect((await store.list({ q: '海淀' })).items.map((s) => s.id)).toEqual([c.id]);
      expect((await store.list({ q: '乙' })).items.map((s) => s.id)).toEqual([b.id]);
      expect((await store.list({ q: '财政' })).items.map((s) => s.id)).toEqual([b.id]);

      const first = await store.list({ limit: 2 });
      expect(first.items.map((s) => s.id)).toEqual([c.id, b.id]);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await store.list({ limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((s) => s.id)).toEqual([a.id]);
      expect(second.nextCursor).toBeNull();

      // Saving moves a form to the top of the list.
      await store.update(a.id, 1, saveInputFor(seedForm({ name: '甲项目' }), { at: minutes(4) }));
      expect((await store.list()).items.map((s) => s.id)).toEqual([a.id, c.id, b.id]);

      await expectZipingError(store.list({ cursor: 'not-a-cursor' }), 'invalid_request');
      expect((await store.list({ limit: 1000 })).items).toHaveLength(3);
    });

    it('keeps the unit a form was created in and lists by unit scope (issue #12)', async () => {
      // 某市科 is a prefix of 某市科委 but not its parent; % and _ are plain characters in a unit
      const units = ['某市财政局/某市科委', '某市财政局/某市科委/智源', '某市财政局/某市科', '某市%局/_委'];
      const ids: Record<string, string> = {};
      for (const [n, unit] of units.entries()) {
        const created = await store.create({ ...saveInputFor(seedForm(), { at: minutes(n) }), unit });
        expect(created.unit).toBe(unit);
        ids[unit] = created.id;
      }
      const local = await store.create(saveInputFor(seedForm(), { at: minutes(9) }));
      expect(local.unit).toBeUndefined();
      const updated = await store.update(ids[units[0]!]!, 1, {
        ...saveInputFor(seedForm(), { at: minutes(10) }),
        unit: '别处',
      });
      expect(updated.unit).toBe(units[0]);
      const listed = async (scope: UnitScope) => (await store.list({ scope })).items.map((i) => i.unit ?? null).sort();
      expect(await listed({ kind: 'unit', unit: '某市财政局/某市科委', subtree: false })).toEqual([units[0]]);
      expect(await listed({ kind: 'unit', unit: '某市财政局/某市科委', subtree: true })).toEqual(
        [units[0], units[1]].sort(),
      );
      expect(await listed({ kind: 'unit', unit: '某市财政局', subtree: true })).toEqual(units.slice(0, 3).sort());
      expect(await listed({ kind: 'unit', unit: '某市%局', subtree: true })).toEqual([units[3]]);
      expect(await listed({ kind: 'unit', unit: '某市', subtree: true })).toEqual([]);
      expect(await listed({ kind: 'none' })).toEqual([]);
      expect((await listed({ kind: 'all' })).length).toBe(5);
      expect((await store.list({ scope: { kind: 'unit', unit: units[1]!, subtree: false } })).items[0]).toMatchObject({
        id: ids[units[1]!],
        unit: units[1],
      });
    });

    it('keeps each narrative cell’s history with the origin of every text', async () => {
      const created = await store.create(saveInputFor(seedForm(), { at: T0, by: '张三' }));
      const initial = await store.narratives(created.id);
      // The seed has 实际完成情况 and three 偏差原因 texts (rows 1, 12, 13); empty cells have no history.
      expect(Object.keys(initial).sort()).toEqual([
        'goals.actual',
        'indicators.1.deviation',
        'indicators.12.deviation',
        'indicators.13.deviation',
      ]);
      expect(initial['goals.actual']![0]).toMatchObject({ version: 1, by: '张三', origin: { kind: 'human' } });

      const drafted = seedForm();
      drafted.indicators[4]!.deviation = '智算平台实际运行296台，超出目标，原因是……';
      drafted.indicators[1]!.deviation = '人工改写的说明';
      const origin = {
        kind: 'model' as const,
        drafter: 'openai',
        model: 'qwen-plus',
        promptId: 'deviation',
        promptVersion: '3',
      };
      await store.update(
        created.id,
        1,
        saveInputFor(drafted, { at: minutes(1), by: '李四', origins: { 'indicators.4.deviation': origin } }),
      );
      const after = await store.narratives(created.id);
      expect(after['indicators.4.deviation']).toEqual([
        {
          version: 2,
          at: minutes(1).toISOString(),
          by: '李四',
          text: '智算平台实际运行296台，超出目标，原因是……',
          origin,
          snapshot: expect.objectContaining({
            kind: 'deviation',
            index: 4,
            target: '≥200台',
            actual: '296台',
            weight: 2,
          }),
        },
      ]);
      expect(after['indicators.1.deviation']!.map((e) => [e.version, e.origin.kind, e.text])).toEqual([
        [1, 'human', seedForm().indicators[1]!.deviation],
        [2, 'human', '人工改写的说明'],
      ]);
      expect(after['goals.actual']).toHaveLength(1);

      // Changing the row's numbers adds no text, but the saved text is now stale.
      const retargeted = structuredClone(drafted);
      retargeted.indicators[4]!.actual = '310台';
      const saved = await store.update(created.id, 2, saveInputFor(retargeted));
      const latest = (await store.narratives(created.id))['indicators.4.deviation']!;
      expect(latest).toHaveLength(1);
      expect(isStale(latest[0]!, saved.form, saved.report)).toBe(true);
      expect(isStale(latest[0]!, drafted, scoreForm(drafted))).toBe(false);
    });

    it('keeps the newest MAX_HISTORY_PER_CELL texts of a cell, in order, with authors; versions stay', async () => {
      const id = await saveCellRepeatedly(store, HISTORY_SAVES);
      const histories = await store.narratives(id);
      const kept = histories['goals.actual']!;
      expect(kept).toHaveLength(MAX_HISTORY_PER_CELL);
      expect(kept.map((e) => [e.version, e.by, e.text, e.at])).toEqual(
        KEPT_VERSIONS.map((n) => [n, `保存人${n}`, repeatedText(n), minutes(n).toISOString()]),
      );
      // Cells this run never changed keep their one entry; the form's own versions are not cut
      expect(histories['indicators.1.deviation']!.map((e) => e.version)).toEqual([1]);
      const all = Array.from({ length: HISTORY_SAVES }, (_, i) => i + 1);
      expect((await store.history(id)).map((v) => v.version)).toEqual(all);
      expect((await store.getVersion(id, 1)).form.goals!.actual).toBe(repeatedText(1));
    });

    it('rejects origins for cells the form does not have', async () => {
      const error = await expectZipingError(
        store.create(saveInputFor(seedForm(), { origins: { 'indicators.99.deviation': { kind: 'human' } } })),
        'invalid_request',
      );
      expect(error.issues?.[0]?.path).toBe('origins.indicators.99.deviation');
      expect((await store.list()).items).toEqual([]);
    });

    it('keeps a revision chat per cell without changing the form version', async () => {
      const created = await store.create(saveInputFor(seedForm()));
      expect(await store.getChat(created.id, 'indicators.5.deviation')).toEqual([]);
      await store.appendChat(created.id, 'indicators.5.deviation', [{ role: 'user', content: '写得更简洁些' }]);
      const chat = await store.appendChat(created.id, 'indicators.5.deviation', [
        { role: 'assistant', content: '已精简。', origin: { kind: 'model', model: 'qwen-plus' }, tokens: 42 },
      ]);
      expect(chat).toEqual([
        { role: 'user', content: '写得更简洁些' },
        { role: 'assistant', content: '已精简。', origin: { kind: 'model', model: 'qwen-plus' }, tokens: 42 },
      ]);
      expect(await store.getChat(created.id, 'goals.actual')).toEqual([]);
      expect((await store.get(created.id)).version).toBe(1);
      await expectZipingError(
        store.appendChat(created.id, 'indicators.5.deviation', [{ role: 'robot', content: 1 }] as never),
        'invalid_request',
      );
      await expectZipingError(store.getChat(created.id, 'project.name' as never), 'invalid_request');
      await store.clearChat(created.id, 'indicators.5.deviation');
      expect(await store.getChat(created.id, 'indicators.5.deviation')).toEqual([]);
    });

    it('hands out frozen records: changing one throws and changes nothing stored', async () => {
      const form = seedForm();
      const created = await store.create(saveInputFor(form));
      // The caller's own form stays theirs to change.
      form.project.name = '调用方自己的修改';
      expect(() => {
        created.form.project.name = '被改掉了';
      }).toThrow(TypeError);
      const got = await store.get(created.id);
      expect(() => got.form.indicators.pop()).toThrow(TypeError);
      expect((await store.get(created.id)).form.project.name).toBe('北京智源人工智能研究院建设');
      expect((await store.get(created.id)).form.indicators).toHaveLength(15);
    });
  });
}
