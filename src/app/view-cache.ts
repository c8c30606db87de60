/**
 * The serialized API view of each form version. A version never changes once saved (a save makes
 * a new one), so its JSON is built and encoded once and then sent as the same bytes until it falls
 * out of the cache (issue #9): a cached GET does no JSON work and no UTF-8 encoding.
 */
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import type { FormRecord, NarrativeEntry } from '../store/repository.js';
import { formView } from './form-view.js';

/** How many form versions keep their JSON in memory (a real form's view is 20–60 KB). */
const DEFAULT_ENTRIES = 256;

/** The UTF-8 bytes of a JSON text, as sent. */
export type JsonBytes = Uint8Array<ArrayBuffer>;

export interface ViewCache {
  /** The JSON bytes of `record`'s view, built with `history` when not cached. */
  bytes(record: FormRecord, history: () => Promise<Partial<Record<string, NarrativeEntry[]>>>): Promise<JsonBytes>;
  /** Forgets every version of a deleted form. */
  forget(id: string): void;
}

const encoder = new TextEncoder();

/** A least-recently-used cache of view JSON bytes keyed by id and version. */
export function createViewCache(maxEntries = DEFAULT_ENTRIES): ViewCache {
  const entries = new Map<string, JsonBytes>();
  const keyOf = (id: string, version: number) => `${id}\u0000${version}`;
  const touch = (key: string, bytes: JsonBytes) => {
    entries.delete(key);
    entries.set(key, bytes);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };
  return {
    async bytes(record, history) {
      const key = keyOf(record.id, record.version);
      const cached = entries.get(key);
      if (cached !== undefined) {
        touch(key, cached);
        return cached;
      }
      const bytes = encoder.encode(JSON.stringify(formView(record, await history()))) as JsonBytes;
      touch(key, bytes);
      return bytes;
    },
    forget(id) {
      for (const key of [...entries.keys()]) if (key.startsWith(`${id}\u0000`)) entries.delete(key);
    },
  };
}

/**
 * A response of JSON already serialized and encoded from a `T` (as `JSON.stringify` made it), typed
 * as `c.json(value, status)` would be, so the route's declared schema still checks it.
 */
export function jsonBytes<T, S extends ContentfulStatusCode>(
  c: Context,
  bytes: JsonBytes,
  status: S,
  headers: Record<string, string> = {},
): Response & TypedResponse<JSONParsed<T>, S, 'json'> {
  const response: Response = c.body(bytes, status, { 'content-type': 'application/json', ...headers });
  return response as Response & TypedResponse<JSONParsed<T>, S, 'json'>;
}
