/** The audit log and quota counters of memory, the Node audit file and PostgreSQL against one table. */
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewAuditEntry } from '../../src/core/audit/entry.js';
import { MemoryAuditLog } from '../../src/store/audit-log.js';
import { AUDIT_FILE, FileAuditLog } from '../../src/store/audit-log-node.js';
import { PostgresFormRepository } from '../../src/store/postgres-repository.js';
import { PostgresAuditLog, PostgresQuotaCounters } from '../../src/store/postgres-audit-log.js';
import { MemoryQuotaCounters } from '../../src/store/quota-counters.js';
import { describeWithPostgres, dropSchema, freshSchemaName, TEST_DATABASE_URL } from '../support/postgres.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';
import { describeAuditContract } from './audit-contract.js';

describeAuditContract('memory', async () => {
  const audit = new MemoryAuditLog();
  return { audit, counters: new MemoryQuotaCounters(), dispose: () => audit.close() };
});

describeAuditContract('audit file (Node)', async () => {
  const dir = await makeTempDir('ziping-audit-');
  const audit = await FileAuditLog.open(dir);
  return {
    audit,
    counters: new MemoryQuotaCounters(),
    dispose: async () => {
      await audit.close();
      await removeDir(dir);
    },
  };
});

describeWithPostgres('PostgreSQL audit log and counters', () => {
  describeAuditContract('PostgreSQL', async () => {
    const schema = freshSchemaName();
    const store = await PostgresFormRepository.open({ connectionString: TEST_DATABASE_URL, schema });
    return {
      audit: new PostgresAuditLog(store.pool),
      counters: new PostgresQuotaCounters(store.pool),
      dispose: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  });
});

const line = (minute: number): NewAuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 30, 8, minute)).toISOString(),
  actorName: '本机',
  actorRole: null,
  actorUnit: null,
  action: 'change',
  formId: 'aaaaaaaaaaaaaaaa',
  formUnit: null,
  status: 200,
});

describe('audit file: append-only lines, a cut line, rotation and its cap', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await removeDir(dir);
  });

  it('keeps numbering after a restart and skips a line a crash cut short', async () => {
    dir = await makeTempDir('ziping-audit-');
    const log = await FileAuditLog.open(dir);
    await log.append(line(0));
    await log.append(line(1));
    await log.close();
    // A crash in the middle of the third line
    await appendFile(join(dir, AUDIT_FILE), '{"seq":3,"at":"2026-11-30T08:02');
    const reopened = await FileAuditLog.open(dir);
    const next = await reopened.append(line(3));
    expect(next.seq).toBe(3);
    const page = await reopened.list({ limit: 10 });
    expect(page.items.map((e) => [e.seq, e.at.slice(14, 16)])).toEqual([
      [3, '03'],
      [2, '01'],
      [1, '00'],
    ]);
    await reopened.close();
    const text = await readFile(join(dir, AUDIT_FILE), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('rotates at the size limit, keeps the newest files up to the cap and still lists across them', async () => {
    dir = await makeTempDir('ziping-audit-');
    const bytes = Buffer.byteLength(`${JSON.stringify({ seq: 1, ...line(0) })}\n`);
    // Two entries per file, two old files kept: 8 entries leave the newest 6
    const log = await FileAuditLog.open(dir, { rotateBytes: bytes * 2, keepFiles: 2 });
    for (let i = 0; i < 8; i++) await log.append(line(i));
    expect((await readdir(dir)).sort()).toEqual([AUDIT_FILE, `${AUDIT_FILE}.1`, `${AUDIT_FILE}.2`]);
    const seqs: number[] = [];
    let cursor: number | null | undefined;
    do {
      const page = await log.list({ limit: 4, ...(cursor ? { beforeSeq: cursor } : {}) });
      seqs.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seqs).toEqual([8, 7, 6, 5, 4, 3]);
    await log.close();
  });

  it('writes concurrent appends together, each numbered once and answered only once its line is on disk', async () => {
    dir = await makeTempDir('ziping-audit-');
    const log = await FileAuditLog.open(dir);
    const stored = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(line(i % 10))));
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const lines = (await readFile(join(dir, AUDIT_FILE), 'utf8')).split('\n').filter(Boolean);
    expect(lines.map((l) => JSON.parse(l).seq)).toEqual(stored.map((e) => e.seq));
    expect((await log.append(line(0))).seq).toBe(51);
    await log.close();
  });

  it('continues the numbering from a rotated file when the current one is empty', async () => {
    dir = await makeTempDir('ziping-audit-');
    await writeFile(join(dir, `${AUDIT_FILE}.1`), `${JSON.stringify({ seq: 41, ...line(0) })}\n`);
    const log = await FileAuditLog.open(dir);
    expect((await log.append(line(1))).seq).toBe(42);
    await log.close();
  });
});

describe('memory counters: bounded', () => {
  it('forgets the least recently changed key past its cap, and keeps the rest counting', async () => {
    const counters = new MemoryQuotaCounters(3);
    await counters.add('signin:name:a', 1, 1);
    await counters.add('signin:name:b', 1, 1);
    await counters.add('signin:name:c', 1, 1);
    await counters.add('signin:name:a', 1, 1); // a is now the most recent
    await counters.add('signin:name:d', 1, 1); // b, the least recent, goes
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((k) => counters.peek(`signin:name:${k}`, 1)))).toEqual([
      2, 0, 1, 1,
    ]);
  });
});
