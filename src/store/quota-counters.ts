/**
 * Counters for rate limits and budgets (issue #12), one per key, counting in numbered windows
 * (core/quotas/windows.ts). A counter that meets a newer window starts again from zero, so a store
 * keeps one row per key and needs no clean-up. D1 and PostgreSQL keep them in a table, so every
 * server sharing the database counts together; the memory variant serves one process (memory and
 * lowdb stores, which one process owns).
 */
import { MAX_MEMORY_COUNTERS } from '../core/limits.js';

export interface QuotaCounters {
  /**
   * Adds `amount` to `key`'s count in `window` if the result stays at most `limit` (no limit: always);
   * returns the new count, or null when the addition was refused (nothing changed then).
   */
  add(key: string, window: number, amount: number, limit?: number): Promise<number | null>;
  /** The count of `key` in `window` (0 when none). */
  peek(key: string, window: number): Promise<number>;
}

/** The current count of a counter held as `{ window, count }` (0 once its window has passed). */
export function countIn(counter: { window: number; count: number } | undefined, window: number): number {
  return counter && counter.window >= window ? counter.count : 0;
}

/** Counters in a Map: one process; at most `maxKeys`, the least recently changed forgotten first. */
export class MemoryQuotaCounters implements QuotaCounters {
  readonly #counters = new Map<string, { window: number; count: number }>();
  readonly #maxKeys: number;

  constructor(maxKeys: number = MAX_MEMORY_COUNTERS) {
    this.#maxKeys = maxKeys;
  }

  async add(key: string, window: number, amount: number, limit?: number): Promise<number | null> {
    const current = this.#counters.get(key);
    const next = countIn(current, window) + amount;
    if (limit !== undefined && next > limit) return null;
    // Deleted and set again so the Map's order is the order of last change
    this.#counters.delete(key);
    this.#counters.set(key, { window: Math.max(window, current?.window ?? window), count: next });
    if (this.#counters.size > this.#maxKeys) this.#counters.delete(this.#counters.keys().next().value!);
    return next;
  }

  async peek(key: string, window: number): Promise<number> {
    return countIn(this.#counters.get(key), window);
  }
}
