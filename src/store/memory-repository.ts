/**
 * A FormRepository in a Map: for unit tests, and for runtimes without storage. Each method runs
 * to completion without awaiting, so saves are atomic with respect to each other. Documents are
 * frozen values (see deepFreeze), so they are handed out without copying.
 */
import type { NarrativePath } from '../core/schema/form.js';
import { newFormId } from './ids.js';
import {
  checkNarrativePath,
  checkVersion,
  historyOf,
  newDocument,
  parseChatMessages,
  updatedDocument,
  versionOf,
  withChat,
  withoutChat,
} from './form-document.js';
import { pageOf, summaryOf } from './list-forms.js';
import type { ChatMessage, FormDocument, FormRecord, NarrativeEntry, StoredVersion, VersionEntry } from './records.js';
import type { FormPage, FormRepository, ListQuery, SaveInput, StoreHealth } from './repository.js';
import { formNotFound } from './store-errors.js';

export class MemoryFormRepository implements FormRepository {
  readonly #docs = new Map<string, FormDocument>();

  #doc(id: string): FormDocument {
    const doc = this.#docs.get(id);
    if (!doc) throw formNotFound(id);
    return doc;
  }

  /** Stores a new form as version 1. */
  async create(input: SaveInput): Promise<FormRecord> {
    let id = newFormId();
    while (this.#docs.has(id)) id = newFormId();
    const doc = newDocument(id, input);
    this.#docs.set(id, doc);
    return doc.record;
  }

  /** The current record. */
  async get(id: string): Promise<FormRecord> {
    return this.#doc(id).record;
  }

  /** A page of summaries, newest update first. */
  async list(query: ListQuery = {}): Promise<FormPage> {
    return pageOf(
      [...this.#docs.values()].map((doc) => summaryOf(doc.record)),
      query,
    );
  }

  /** Saves a new version if `expectedVersion` is current. */
  async update(id: string, expectedVersion: number, input: SaveInput): Promise<FormRecord> {
    const doc = updatedDocument(this.#doc(id), expectedVersion, input);
    this.#docs.set(id, doc);
    return doc.record;
  }

  /** Deletes the form if `expectedVersion` is current. */
  async delete(id: string, expectedVersion: number): Promise<void> {
    checkVersion(this.#doc(id), expectedVersion);
    this.#docs.delete(id);
  }

  /** Every saved version, oldest first. */
  async history(id: string): Promise<VersionEntry[]> {
    return historyOf(this.#doc(id));
  }

  /** One saved version with its form. */
  async getVersion(id: string, version: number): Promise<StoredVersion> {
    return versionOf(this.#doc(id), version);
  }

  /** Every narrative cell's history. */
  async narratives(id: string): Promise<Partial<Record<NarrativePath, NarrativeEntry[]>>> {
    return this.#doc(id).narratives as Partial<Record<NarrativePath, NarrativeEntry[]>>;
  }

  /** A cell's revision chat. */
  async getChat(id: string, path: NarrativePath): Promise<ChatMessage[]> {
    checkNarrativePath(path);
    return this.#doc(id).chat[path] ?? [];
  }

  /** Appends turns to a cell's chat. */
  async appendChat(id: string, path: NarrativePath, messages: ChatMessage[]): Promise<ChatMessage[]> {
    checkNarrativePath(path);
    const turns = parseChatMessages(messages);
    const doc = withChat(this.#doc(id), path, turns);
    this.#docs.set(id, doc);
    return doc.chat[path] ?? [];
  }

  /** Forgets a cell's chat. */
  async clearChat(id: string, path: NarrativePath): Promise<void> {
    checkNarrativePath(path);
    this.#docs.set(id, withoutChat(this.#doc(id), path));
  }

  /** Always answering; nothing to quarantine. */
  async health(): Promise<StoreHealth> {
    return { kind: 'memory', ok: true, quarantined: [] };
  }

  /** Nothing to release. */
  async close(): Promise<void> {}
}
