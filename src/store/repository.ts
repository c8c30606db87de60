/**
 * The storage port of Ziping. Handlers talk to this interface only; the memory store backs unit
 * tests, the lowdb store backs the Node server, and a D1 store will back Workers. Every method
 * throws ZipingError: `not_found` for an unknown id, `version_conflict` (with `currentVersion`
 * in its details) when the expected version is not the current one, `invalid_request` for bad
 * arguments. Returned records, versions, entries and chats are frozen shared values: copy them
 * (structuredClone) before changing them.
 */
import type { Form, NarrativePath } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import type { UnitScope } from '../core/access/rights.js';
import type { NarrativeOrigin } from '../core/narratives/origin.js';
import type { ChatMessage, FormRecord, FormSummary, NarrativeEntry, StoredVersion, VersionEntry } from './records.js';

export type { ChatMessage, FormRecord, FormSummary, NarrativeEntry, StoredVersion, VersionEntry } from './records.js';

/** One save: the validated form, its report, who saved it and when. */
export interface SaveInput {
  form: Form;
  /** `scoreForm(form)`, computed by the caller at save time. */
  report: ScoreReport;
  /** Who saved (shown in the history). */
  by: string;
  at: Date;
  /** The unit a new form belongs to (its creator's; issue #12); ignored by updates, which keep the form's. */
  unit?: string;
  /** Origins of narrative texts changed by this save; a changed text without one is human. */
  origins?: Partial<Record<NarrativePath, NarrativeOrigin>>;
}

export interface ListQuery {
  year?: number;
  /** 主管部门, exact. */
  department?: string;
  /** Substring of project name, department or implementer. */
  q?: string;
  /** 1–100, default 20. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Only forms of these units (issue #12: what the caller may read); default every form. */
  scope?: UnitScope;
}

export interface FormPage {
  items: FormSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A file the store moved aside because it did not load (paths relative to the store's folder). */
export interface QuarantinedFile {
  file: string;
  movedTo: string;
  /** Why it did not load, in Chinese. */
  reason: string;
  at: string;
}

/** What `GET /api/health` says about a store: never a secret (no URL, password or absolute path). */
export interface StoreHealth {
  /** `lowdb`, `postgres`, `d1`, `memory`… */
  kind: string;
  /** True when the store answers. */
  ok: boolean;
  /** Files moved aside at start (file stores only; empty elsewhere). */
  quarantined: QuarantinedFile[];
  /** A short Chinese note when `ok` is false. */
  problem?: string;
}

export interface FormRepository {
  /** Stores a new form as version 1. */
  create(input: SaveInput): Promise<FormRecord>;
  /** The current record. */
  get(id: string): Promise<FormRecord>;
  /** A page of summaries, newest update first. */
  list(query?: ListQuery): Promise<FormPage>;
  /** Saves a new version if `expectedVersion` is the current one. */
  update(id: string, expectedVersion: number, input: SaveInput): Promise<FormRecord>;
  /** Deletes the form and all its history if `expectedVersion` is the current one. */
  delete(id: string, expectedVersion: number): Promise<void>;
  /** Every saved version, oldest first, without the forms. */
  history(id: string): Promise<VersionEntry[]>;
  /** One saved version with its form. */
  getVersion(id: string, version: number): Promise<StoredVersion>;
  /** The history of every narrative cell that has one, oldest entry first. */
  narratives(id: string): Promise<Partial<Record<NarrativePath, NarrativeEntry[]>>>;
  /** The revision chat of one narrative cell (empty when none). */
  getChat(id: string, path: NarrativePath): Promise<ChatMessage[]>;
  /** Appends turns to a cell's chat and returns the whole chat. Does not change the form version. */
  appendChat(id: string, path: NarrativePath, messages: ChatMessage[]): Promise<ChatMessage[]>;
  /** Forgets a cell's chat. */
  clearChat(id: string, path: NarrativePath): Promise<void>;
  /** Finishes pending writes and releases what the store holds (files, locks). */
  close(): Promise<void>;
  /** The store's state for `GET /api/health`; optional (a store without it is reported as answering). */
  health?(): Promise<StoreHealth>;
}
