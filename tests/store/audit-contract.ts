/**
 * The behaviours every AuditLog and QuotaCounters store must have, as one table of tests run
 * against each (memory, the audit file, PostgreSQL, D1 in tests/worker), so they cannot drift apart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewAuditEntry } from '../../src/core/audit/entry.js';
import type { AuditLog } from '../../src/store/audit-log.js';
import type { QuotaCounters } from '../../src/store/quota-counters.js';

export interface AuditStoresUnderTest {
  audit: AuditLog;
  counters: QuotaCounters;
  /** Closes the stores and removes what they left behind. */
  dispose(): Promise<void>;
}

const T0 = Date.parse('2026-11-30T08:00:00.000Z');
const at = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();

/** An entry of a reviewer of `formUnit`'s parent, or of the local actor when `formUnit` is null. */
function entry(minute: number, formId: string | null, formUnit: string | null, action = 'read'): NewAuditEntry {
  return {
    at: at(minute),
    actorName: formUnit ? '王审核' : '本机',
    actorRole: formUnit ? 'reviewer' : null,
    actorUnit: formUnit ? '某市财政局' : null,
    action: action as NewAuditEntry['action'],
    formId,
    formUnit,
    status: 200,
  };
}

const FORM_A = 'aaaaaaaaaaaaaaaa';
const FORM_B = 'bbbbbbbbbbbbbbbb';
const KEWEI = '某市财政局/某市科委';
// A unit whose path starts like 某市科委's but is not below it (segment by segment, not by characters)
const KE = '某市财政局/某市科';

/** Registers the audit log and quota counter behaviours for the stores made by `open`. */
export function describeAuditContract(name: string, open: () => Promise<AuditStoresUnderTest>): void {
  describe(`${name}: audit log and quota counters`, () => {
    let subject: AuditStoresUnderTest;
    beforeEach(async () => {
      subject = await open();
    });
    afterEach(async () => {
      await subject.dispose();
    });

    it('numbers entries in order and lists them newest first with every field as appended', async () => {
      const first = await subject.audit.append(entry(0, FORM_A, `${KEWEI}/智源研究院`, 'change'));
      const second = await subject.audit.append(entry(1, null, null, 'import'));
      expect(second.seq).toBeGreaterThan(first.seq);
      const page = await subject.audit.list({ limit: 10 });
      expect(page.items).toEqual([
        { ...entry(1, null, null, 'import'), seq: second.seq },
        { ...entry(0, FORM_A, `${KEWEI}/智源研究院`, 'change'), seq: first.seq },
      ]);
      expect(page.nextCursor).toBeNull();
    });

    it('filters by form, by unit with the units below it, and by time', async () => {
      await subject.audit.append(entry(0, FORM_A, `${KEWEI}/智源研究院`));
      await subject.audit.append(entry(1, FORM_B, KEWEI));
      await subject.audit.append(entry(2, FORM_B, KE));
      await subject.audit.append(entry(3, null, null));
      const forms = async (query: Parameters<AuditLog['list']>[0]) =>
        (await subject.audit.list(query)).items.map((e) => `${e.formId}@${e.at.slice(14, 16)}`);
      expect(await forms({ limit: 10, formId: FORM_B })).toEqual([`${FORM_B}@02`, `${FORM_B}@01`]);
      expect(await forms({ limit: 10, withinUnit: KEWEI })).toEqual([`${FORM_B}@01`, `${FORM_A}@00`]);
      expect(await forms({ limit: 10, withinUnit: KE })).toEqual([`${FORM_B}@02`]);
      expect(await forms({ limit: 10, withinUnit: '某市财政局' })).toHaveLength(3);
      expect(await forms({ limit: 10, since: at(1), until: at(2) })).toEqual([`${FORM_B}@02`, `${FORM_B}@01`]);
    });

    it('finds the units below a unit whose name has a character beyond the BMP (lengths in characters)', async () => {
      await subject.audit.append(entry(0, FORM_A, '某市𠀾局/科委'));
      await subject.audit.append(entry(1, FORM_B, '某市𠀾局'));
      const forms = (await subject.audit.list({ limit: 10, withinUnit: '某市𠀾局' })).items.map((e) => e.formId);
      expect(forms).toEqual([FORM_B, FORM_A]);
    });

    it('pages with a cursor until the last page says null', async () => {
      for (let i = 0; i < 5; i++) await subject.audit.append(entry(i, FORM_A, KEWEI));
      const first = await subject.audit.list({ limit: 2 });
      expect(first.items.map((e) => e.at)).toEqual([at(4), at(3)]);
      expect(first.nextCursor).not.toBeNull();
      const second = await subject.audit.list({ limit: 2, beforeSeq: first.nextCursor! });
      expect(second.items.map((e) => e.at)).toEqual([at(2), at(1)]);
      const last = await subject.audit.list({ limit: 2, beforeSeq: second.nextCursor! });
      expect(last.items.map((e) => e.at)).toEqual([at(0)]);
      expect(last.nextCursor).toBeNull();
    });

    it('counts up to a limit, refuses past it without counting, and starts over in a new window', async () => {
      const { counters } = subject;
      expect(await counters.add('rate:user:u1', 100, 1, 2)).toBe(1);
      expect(await counters.add('rate:user:u1', 100, 1, 2)).toBe(2);
      expect(await counters.add('rate:user:u1', 100, 1, 2)).toBeNull();
      expect(await counters.peek('rate:user:u1', 100)).toBe(2);
      expect(await counters.add('rate:user:u1', 101, 1, 2)).toBe(1);
      expect(await counters.peek('rate:user:u1', 101)).toBe(1);
      expect(await counters.peek('rate:user:u2', 101)).toBe(0);
    });

    it('adds without a limit, gives back, and never lets a lagging window reset a newer count', async () => {
      const { counters } = subject;
      expect(await counters.add('budget:unit:某市科委', 20_000, 3000)).toBe(3000);
      expect(await counters.add('budget:unit:某市科委', 20_000, 2500)).toBe(5500);
      // A server whose clock is a window behind adds to the current count
      expect(await counters.add('budget:unit:某市科委', 19_999, 500)).toBe(6000);
      expect(await counters.peek('budget:unit:某市科委', 20_000)).toBe(6000);
      expect(await counters.add('budget:unit:某市科委', 20_000, -1000)).toBe(5000);
      // A first addition above its limit is refused and stores nothing
      expect(await counters.add('rate:unit:x', 5, 3, 2)).toBeNull();
      expect(await counters.peek('rate:unit:x', 5)).toBe(0);
    });

    it('counts concurrent additions exactly once each and never past the limit', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, () => subject.counters.add('rate:unit:busy', 7, 1, 10)),
      );
      expect(results.filter((r) => r !== null).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await subject.counters.peek('rate:unit:busy', 7)).toBe(10);
    });
  });
}
