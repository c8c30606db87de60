/**
 * The stores of the Node server: PostgreSQL when a URL is given (shared by every server pointed at
 * it; `pg` is loaded only then), else lowdb files in a data directory. Each comes with the accounts,
 * reviews, audit log and quota counters that go with it (issue #12).
 */
import { mkdir } from 'node:fs/promises';
import type { AccountRepository } from '../store/accounts.js';
import type { AuditLog } from '../store/audit-log.js';
import { FileAuditLog } from '../store/audit-log-node.js';
import { LowdbAccountRepository } from '../store/lowdb-accounts.js';
import { LowdbFormRepository } from '../store/lowdb-repository.js';
import { LowdbReviewRepository } from '../store/lowdb-reviews.js';
import { MemoryQuotaCounters, type QuotaCounters } from '../store/quota-counters.js';
import type { FormRepository } from '../store/repository.js';
import type { ReviewRepository } from '../store/review-repository.js';

/** The store with the accounts, reviews, audit log and quota counters that go with it. */
export interface OpenedStores {
  store: FormRepository;
  accounts: AccountRepository;
  reviews: ReviewRepository;
  audit: AuditLog;
  quotaCounters: QuotaCounters;
  /** The PostgreSQL database in use, without its password; null with lowdb. */
  database: string | null;
}

/** Where the stores live. */
export interface StoreLocation {
  /** A PostgreSQL URL; when set, `dataDir` is not used. */
  databaseUrl?: string;
  /** The PostgreSQL schema (default the role's search_path). */
  databaseSchema?: string;
  /** The lowdb data directory (absolute). */
  dataDir: string;
  /** How many form documents the lowdb store keeps in memory. */
  cacheSize?: number;
}

/** The PostgreSQL stores when a URL is given, else the lowdb stores (quarantined files go to `log`). */
export function openStores(where: StoreLocation, log: (line: string) => void): Promise<OpenedStores> {
  return where.databaseUrl
    ? openPostgresStores(where.databaseUrl, where.databaseSchema)
    : openLowdbStores(where.dataDir, where.cacheSize, log);
}

/** Closes what `openStores` opened, the form store last (it holds the lowdb directory's lock). */
export async function closeStores(opened: OpenedStores): Promise<void> {
  await opened.accounts.close();
  await opened.reviews.close();
  await opened.audit.close();
  await opened.store.close();
}

/** Every part on one connection pool; migrations are applied as the form store opens. */
async function openPostgresStores(connectionString: string, schema: string | undefined): Promise<OpenedStores> {
  const { PostgresFormRepository } = await import('../store/postgres-repository.js');
  const { PostgresAuditLog, PostgresQuotaCounters } = await import('../store/postgres-audit-log.js');
  const { PostgresReviewRepository } = await import('../store/postgres-reviews.js');
  const store = await PostgresFormRepository.open({ connectionString, ...(schema ? { schema } : {}) });
  return {
    store,
    accounts: store.accounts(),
    reviews: new PostgresReviewRepository(store.pool),
    audit: new PostgresAuditLog(store.pool),
    quotaCounters: new PostgresQuotaCounters(store.pool),
    database: store.description,
  };
}

/** Files in `dataDir`; the audit file and reviews beside the forms, under the store's lock. */
async function openLowdbStores(
  dataDir: string,
  cacheSize: number | undefined,
  log: (line: string) => void,
): Promise<OpenedStores> {
  await mkdir(dataDir, { recursive: true });
  const store = await LowdbFormRepository.open(dataDir, {
    cacheSize,
    onQuarantine: (q) =>
      log(
        `数据文件无法载入，已隔离 quarantined: ${q.file} → ${q.movedTo}（${q.reason}）。其余表单照常服务；运行 npx ziping doctor 查看说明。`,
      ),
  });
  const opened: { close(): Promise<void> }[] = [store];
  // What opened before a failure is closed again, so the directory's lock is not left held
  const next = async <T extends { close(): Promise<void> }>(open: () => Promise<T>): Promise<T> => {
    try {
      const part = await open();
      opened.unshift(part);
      return part;
    } catch (error) {
      for (const part of opened) await part.close();
      throw error;
    }
  };
  const accounts = await next(() =>
    LowdbAccountRepository.open(dataDir, (q) =>
      log(`账号文件无法载入，已隔离 quarantined: ${q.file} → ${q.movedTo}（${q.reason}）。`),
    ),
  );
  const audit = await next(() => FileAuditLog.open(dataDir));
  const reviews = await next(() => LowdbReviewRepository.open(dataDir));
  // Quotas count in this one process: a lowdb directory has one server
  return { store, accounts, reviews, audit, quotaCounters: new MemoryQuotaCounters(), database: null };
}
