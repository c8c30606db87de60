/**
 * The parts of `cloudflare:test` and `cloudflare:workers` these tests use, declared here instead
 * of loading the Workers global types (which clash with the DOM and Node types of the project).
 */
declare module 'cloudflare:test' {
  import type { D1Database } from '../../src/store/d1-types.js';

  export interface D1Migration {
    name: string;
    queries: string[];
  }
  export const env: { DB: D1Database; TEST_MIGRATIONS: D1Migration[]; [name: string]: unknown };
  /** The Worker's default export (main in vitest.config.ts). */
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
  export function applyD1Migrations(db: D1Database, migrations: D1Migration[]): Promise<void>;
  /** Deletes everything stored (D1 included). */
  export function reset(): Promise<void>;
}
