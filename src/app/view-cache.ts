/**
 * The serialized API view of each form version. A version never changes once saved (a save makes
 * a new one), so its JSON is built once and sent as bytes until it falls out of the cache.
 */
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import type { FormRecord, NarrativeEntry } from '../store/repository.js';
import { formView } from './form-view.js';

/** How many form versions keep their JSON in memory (a real form's view is 20–60 KB). */
const DEFAULT_ENTRIES = 256;

export interface ViewCache {
  /** The JSON of `record`'s view, built with `history` when not cached. */
  json(record: FormRecord, history: () => Promise<Partial<Record<string, NarrativeEntry[]>>>): Promise<string>;
  /** The cached JSON of a version, if any (no store read needed). */
  peek(id: string, version: number): string | undefined;
  /** Forgets every version of a deleted form. */
  forget(id: string): void;
}

/** A least-recently-used cache of view JSON keyed by id and version. */
export function createViewCache(maxEntries = DEFAULT_ENTRIES): ViewCache {
  const entries = new Map<string, string>();
  const keyOf = (id: string, version: number) => `${id}\u0000${version}`;
  const touch = (key: string, json: string) => {
    entries.delete(key);
    entries.set(key, json);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
  return {
    async json(record, history) {
      const key = keyOf(record.id, record.version);
      const cached = entries.get(key);
      if (cached !== undefined) {
        touch(key, cached);
        return cached;
      }
      const json = JSON.stringify(formView(record, await history()));
      touch(key, json);
      return json;
    },
    peek(id, version) {
      return entries.get(keyOf(id, version));
    },
    forget(id) {
      for (const key of [...entries.keys()]) if (key.startsWith(`${id}\u0000`)) entries.delete(key);
    },
  };
}

/**
 * A response of JSON already serialized from a `T` (as `JSON.stringify` made it), typed as
 * `c.json(value, status)` would be, so the route's declared schema still checks it.
 */
export function jsonText<T, S extends ContentfulStatusCode>(
  c: Context,
  json: string,
  status: S,
  headers: Record<string, string> = {},
): Response & TypedResponse<JSONParsed<T>, S, 'json'> {
  const response: Response = c.body(json, status, { 'content-type': 'application/json', ...headers });
  return response as Response & TypedResponse<JSONParsed<T>, S, 'json'>;
}
