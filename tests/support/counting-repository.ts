/**
 * A real form repository (memory or lowdb) that counts the calls made to it, for tests that check
 * how often a request reads the store. Every call goes through to the real store unchanged.
 */
import type { FormRepository } from '../../src/store/repository.js';

export interface CountedRepository {
  /** The real store, every method call counted. */
  store: FormRepository;
  /** Calls by method name since the last `reset()`. */
  calls: Partial<Record<keyof FormRepository, number>>;
  reset(): void;
}

/** `inner` with a count of every method called on it. */
export function countingRepository(inner: FormRepository): CountedRepository {
  const calls: CountedRepository['calls'] = {};
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const name = key as keyof FormRepository;
      return (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        // Called on the real store, so its private fields work
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const reset = () => {
    for (const key of Object.keys(calls)) delete calls[key as keyof FormRepository];
  };
  return { store, calls, reset };
}
