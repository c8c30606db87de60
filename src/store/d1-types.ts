/**
 * The part of Cloudflare's D1 binding the D1 store uses, typed here so the project needs no
 * global Workers types (they clash with the DOM and Node types the rest of the code uses).
 * A real `env.DB` satisfies this interface structurally.
 */

/** What a statement returns: rows (for `all`, and `batch` entries) and how many rows it changed. */
export interface D1Result<T = Record<string, unknown>> {
  results: T[];
  success: boolean;
  meta: { changes?: number; [key: string]: unknown };
}

export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  run<T = Record<string, unknown>>(): Promise<D1Result<T>>;
}

export interface D1Database {
  prepare(query: string): D1PreparedStatement;
  /** Runs the statements in order as one transaction: all of them take effect or none does. */
  batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
}
