/**
 * The PostgreSQL schema as numbered migrations, applied at start in order, each once, recorded in
 * `ziping_migrations`. Migrations only add (tables, columns, indexes): never drop or rewrite data.
 * Concurrent starts of several servers are serialized by a transaction-level advisory lock.
 */
import type { PoolClient } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. Append new ones; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'forms, versions and chats',
    // json (not jsonb) keeps documents byte for byte, key order included, as the other stores do.
    // "C" collation: the list order compares ISO times and ids as JavaScript compares strings.
    sql: `
      CREATE TABLE IF NOT EXISTS ziping_forms (
        id text COLLATE "C" PRIMARY KEY,
        version integer NOT NULL CHECK (version >= 1),
        record json NOT NULL,
        narratives json NOT NULL,
        summary json NOT NULL,
        updated_at text COLLATE "C" NOT NULL,
        year integer NOT NULL,
        department text,
        search_name text NOT NULL,
        search_department text NOT NULL,
        search_implementer text NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ziping_forms_list ON ziping_forms (updated_at DESC, id ASC);
      CREATE TABLE IF NOT EXISTS ziping_versions (
        form_id text COLLATE "C" NOT NULL REFERENCES ziping_forms (id) ON DELETE CASCADE,
        version integer NOT NULL,
        line json NOT NULL,
        PRIMARY KEY (form_id, version)
      );
      CREATE TABLE IF NOT EXISTS ziping_chat (
        seq bigserial PRIMARY KEY,
        form_id text COLLATE "C" NOT NULL REFERENCES ziping_forms (id) ON DELETE CASCADE,
        path text NOT NULL,
        message json NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ziping_chat_cell ON ziping_chat (form_id, path, seq);
    `,
  },
  {
    version: 2,
    name: 'accounts: form units, users, tokens, sessions',
    // Issue #12: secrets are stored as SHA-256 hashes, passwords as PBKDF2 (src/app/access/secrets.ts)
    sql: `
      ALTER TABLE ziping_forms ADD COLUMN IF NOT EXISTS unit text;
      CREATE INDEX IF NOT EXISTS ziping_forms_unit ON ziping_forms (unit, updated_at DESC, id);
      CREATE TABLE IF NOT EXISTS ziping_users (
        id text COLLATE "C" PRIMARY KEY,
        name text COLLATE "C" NOT NULL UNIQUE,
        unit text NOT NULL,
        role text NOT NULL,
        password_hash text,
        created_at text NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ziping_api_tokens (
        hash text COLLATE "C" PRIMARY KEY,
        user_id text COLLATE "C" NOT NULL REFERENCES ziping_users (id) ON DELETE CASCADE,
        created_at text NOT NULL,
        revoked_at text
      );
      CREATE TABLE IF NOT EXISTS ziping_sessions (
        hash text COLLATE "C" PRIMARY KEY,
        user_id text COLLATE "C" NOT NULL REFERENCES ziping_users (id) ON DELETE CASCADE,
        created_at text NOT NULL,
        expires_at text COLLATE "C" NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'reviews',
    // One row per reviewed form (issue #12, postgres-reviews.ts); status and revision copied out of
    // the record so lists read statuses without parsing and a save checks the revision in SQL.
    sql: `
      CREATE TABLE IF NOT EXISTS ziping_reviews (
        form_id text COLLATE "C" PRIMARY KEY,
        status text NOT NULL,
        revision integer NOT NULL CHECK (revision >= 1),
        record json NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'audit log and quota counters',
    // As migrations/0004_audit_quotas.sql for D1; the app only INSERTs into and SELECTs from ziping_audit_log.
    sql: `
      CREATE TABLE IF NOT EXISTS ziping_audit_log (
        seq bigserial PRIMARY KEY,
        at text COLLATE "C" NOT NULL,
        actor_name text NOT NULL,
        actor_role text,
        actor_unit text,
        action text NOT NULL,
        form_id text COLLATE "C",
        form_unit text,
        status integer NOT NULL,
        scope_unit text COLLATE "C"
      );
      CREATE INDEX IF NOT EXISTS ziping_audit_log_by_form ON ziping_audit_log (form_id, seq);
      CREATE INDEX IF NOT EXISTS ziping_audit_log_by_unit ON ziping_audit_log (scope_unit, seq);
      CREATE TABLE IF NOT EXISTS ziping_quota_counters (
        key text PRIMARY KEY,
        window_id bigint NOT NULL,
        count bigint NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'disabled users',
    // As migrations/0006_user_disabled.sql for D1: when a user was revoked; NULL while active
    sql: `
      ALTER TABLE ziping_users ADD COLUMN IF NOT EXISTS disabled_at text;
    `,
  },
];

/** An arbitrary fixed key for pg_advisory_xact_lock, so only one server migrates at a time. */
const MIGRATION_LOCK_KEY = 720_130_411;

/**
 * Applies the migrations `client`'s database lacks, creating `schema` first when given (an already
 * checked name); returns the versions applied now.
 */
export async function migrate(
  client: PoolClient,
  schema?: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ziping_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM ziping_migrations')).rows.map((r) => r.version),
    );
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO ziping_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
