/**
 * The pure state transitions of one stored form (create, update, chat), shared by every
 * repository so the memory store and the lowdb store behave the same. Nothing is mutated: each
 * function returns a new document, and a repository commits it only after it is durable.
 */
import { z } from 'zod';
import { ZipingError, type FieldIssue } from '../core/errors.js';
import { MAX_HISTORY_PER_CELL } from '../core/limits.js';
import { parseWith } from '../core/schema/validate.js';
import type { Form, NarrativePath } from '../core/schema/form.js';
import { HUMAN_ORIGIN, type NarrativeOrigin } from '../core/narratives/origin.js';
import { hasNarrativeCell, isNarrativePath, narrativePathsOf, narrativeTextAt } from '../core/narratives/paths.js';
import { narrativeSnapshot } from '../core/narratives/snapshot.js';
import { changedPaths } from './form-changes.js';
import {
  ChatMessageSchema,
  type ChatMessage,
  type FormDocument,
  type FormRecord,
  type NarrativeEntry,
  type StoredVersion,
  type VersionEntry,
} from './records.js';
import type { SaveInput } from './repository.js';
import { versionConflict, versionNotFound } from './store-errors.js';

/**
 * Freezes `value` and everything in it. Stored documents are immutable values: a repository can
 * hand them out without copying, and a caller that tries to change one gets a TypeError instead
 * of silently changing what is stored. Parts shared with an earlier (already frozen) document
 * are skipped.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  return Object.freeze(value);
}

/** Rejects origins for cells the saved form does not have, naming each one. */
function checkOrigins(form: Form, origins: SaveInput['origins']): void {
  const issues: FieldIssue[] = [];
  for (const path of Object.keys(origins ?? {})) {
    if (!isNarrativePath(path)) {
      issues.push({
        path: `origins.${path}`,
        code: 'invalid_path',
        message: `“${path}”不是叙述单元格（应为 goals.actual 或 indicators.N.deviation）`,
      });
    } else if (!hasNarrativeCell(form, path)) {
      issues.push({ path: `origins.${path}`, code: 'invalid_path', message: `表中没有单元格 ${path}` });
    }
  }
  if (issues.length > 0) {
    throw new ZipingError('invalid_request', `来源说明有${issues.length}处错误：${issues[0]!.message}`, { issues });
  }
}

/** New history entries for every narrative cell whose text differs between `before` and `input.form`. */
function narrativeEntries(
  before: Form | null,
  input: SaveInput,
  version: number,
  at: string,
): Map<string, NarrativeEntry> {
  const paths = new Set<NarrativePath>([...(before ? narrativePathsOf(before) : []), ...narrativePathsOf(input.form)]);
  const entries = new Map<string, NarrativeEntry>();
  for (const path of paths) {
    const text = narrativeTextAt(input.form, path);
    const previous = before ? narrativeTextAt(before, path) : '';
    if (text === previous) continue;
    const origin: NarrativeOrigin = input.origins?.[path] ?? HUMAN_ORIGIN;
    entries.set(path, {
      version,
      at,
      by: input.by,
      text,
      origin: { ...origin },
      snapshot: narrativeSnapshot(input.form, input.report, path),
    });
  }
  return entries;
}

/** The newest `MAX_HISTORY_PER_CELL` entries of one cell's history (all of them when there are fewer). */
export function newestEntries<T>(entries: T[]): T[] {
  // limits.ts MAX_HISTORY_PER_CELL (issue #8): a cell's history must not grow without end
  return entries.length > MAX_HISTORY_PER_CELL ? entries.slice(-MAX_HISTORY_PER_CELL) : entries;
}

/**
 * Every cell's history cut to its newest entries; `narratives` itself when none is over the limit.
 * Applied to each save, and on reading histories stored before the limit was enforced.
 */
export function cappedNarratives<T>(narratives: Record<string, T[]>): Record<string, T[]> {
  let next: Record<string, T[]> | null = null;
  for (const [path, entries] of Object.entries(narratives)) {
    if (entries.length <= MAX_HISTORY_PER_CELL) continue;
    next ??= { ...narratives };
    next[path] = newestEntries(entries);
  }
  return next ?? narratives;
}

function withEntries(
  narratives: FormDocument['narratives'],
  added: Map<string, NarrativeEntry>,
): FormDocument['narratives'] {
  const next = { ...narratives };
  for (const [path, entry] of added) next[path] = [...(next[path] ?? []), entry];
  return cappedNarratives(next);
}

/** The document of a form saved for the first time. */
export function newDocument(id: string, input: SaveInput): FormDocument {
  checkOrigins(input.form, input.origins);
  const at = input.at.toISOString();
  const form = structuredClone(input.form);
  const report = structuredClone(input.report);
  const record: FormRecord = {
    id,
    version: 1,
    ...(input.unit ? { unit: input.unit } : {}),
    form,
    report,
    createdAt: at,
    updatedAt: at,
  };
  return deepFreeze({
    format: 1,
    record,
    versions: [{ version: 1, at, by: input.by, action: 'create', changes: [], form }],
    narratives: withEntries({}, narrativeEntries(null, input, 1, at)),
    chat: {},
  });
}

/** Throws `version_conflict` unless `expectedVersion` is the document's current version. */
export function checkVersion(doc: FormDocument, expectedVersion: number): void {
  const current = doc.record;
  if (current.version !== expectedVersion) throw versionConflict(current.id, expectedVersion, current.version);
}

/** The document after saving `input` over version `expectedVersion`. */
export function updatedDocument(doc: FormDocument, expectedVersion: number, input: SaveInput): FormDocument {
  checkVersion(doc, expectedVersion);
  const current = doc.record;
  checkOrigins(input.form, input.origins);
  const version = current.version + 1;
  // Keep updatedAt increasing even if the clock steps back, so the list order follows the saves.
  const now = input.at.toISOString();
  const at = now > current.updatedAt ? now : new Date(Date.parse(current.updatedAt) + 1).toISOString();
  const form = structuredClone(input.form);
  const report = structuredClone(input.report);
  return deepFreeze({
    ...doc,
    record: { ...current, version, form, report, updatedAt: at },
    versions: [
      ...doc.versions,
      { version, at, by: input.by, action: 'update', changes: changedPaths(current.form, form), form },
    ],
    narratives: withEntries(doc.narratives, narrativeEntries(current.form, input, version, at)),
  });
}

/** Checks that `path` names a narrative cell before a chat is read or written. */
export function checkNarrativePath(path: string): asserts path is NarrativePath {
  if (!isNarrativePath(path)) {
    throw new ZipingError('invalid_request', `“${path}”不是叙述单元格（应为 goals.actual 或 indicators.N.deviation）`, {
      issues: [{ path: 'path', code: 'invalid_path', message: '不是叙述单元格' }],
    });
  }
}

/** Validated chat turns, or `invalid_request` naming each bad one. */
export function parseChatMessages(messages: unknown): ChatMessage[] {
  return parseWith(z.array(ChatMessageSchema), messages, 'invalid_request', '对话记录');
}

/** The document with `messages` added to the chat of `path`. */
export function withChat(doc: FormDocument, path: NarrativePath, messages: ChatMessage[]): FormDocument {
  return deepFreeze({
    ...doc,
    chat: { ...doc.chat, [path]: [...(doc.chat[path] ?? []), ...structuredClone(messages)] },
  });
}

/** The document without the chat of `path`. */
export function withoutChat(doc: FormDocument, path: NarrativePath): FormDocument {
  const chat = { ...doc.chat };
  delete chat[path];
  return deepFreeze({ ...doc, chat });
}

/** Version entries without their forms. */
export function historyOf(doc: FormDocument): VersionEntry[] {
  return doc.versions.map(({ version, at, by, action, changes }) => ({ version, at, by, action, changes }));
}

/** One saved version with its form. */
export function versionOf(doc: FormDocument, version: number): StoredVersion {
  const found = doc.versions.find((v) => v.version === version);
  if (!found) throw versionNotFound(doc.record.id, version, doc.record.version);
  return found;
}
