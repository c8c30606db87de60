/**
 * What the lowdb store keeps on disk, and the checks a file must pass to load:
 *
 * - `forms/<id>.json`, the head (format 2): the current record, narrative histories, chats, and how
 *   many bytes of the history log are committed. Format-1 files (whole forms per version) still load.
 * - `history/<id>.jsonl`: one line per saved version (version-log.ts); bytes past the head's count
 *   belong to a save that was never acknowledged and are ignored.
 * - `index.json`: every form's summary with the size and mtime its file had, so a start only parses
 *   the files that changed since the index was written.
 */
import { z } from 'zod';
import { ZipingError } from '../core/errors.js';
import { fieldIssuesOf } from '../core/schema/validate.js';
import { cappedNarratives, deepFreeze } from './form-document.js';
import {
  ChatMessageSchema,
  FormDocumentSchema,
  FormRecordSchema,
  NarrativeEntrySchema,
  type ChatMessage,
  type FormDocument,
  type FormRecord,
  type FormSummary,
} from './records.js';
import { linesOfVersions, VersionLineSchema, type Narratives, type VersionLine } from './version-log.js';

/** The head file of one form (format 2). */
export interface FormHead {
  format: 2;
  record: FormRecord;
  narratives: Narratives;
  chat: Record<string, ChatMessage[]>;
  /** Committed length of `history/<id>.jsonl` in bytes. */
  historyBytes: number;
}

const FormHeadSchema = z.object({
  format: z.literal(2),
  record: FormRecordSchema,
  narratives: z.record(z.string(), z.array(NarrativeEntrySchema)),
  chat: z.record(z.string(), z.array(ChatMessageSchema)),
  historyBytes: z.number().int().min(0),
});

/** A head as loaded: format-1 files bring their history as lines not yet written to a log. */
export interface LoadedHead {
  head: FormHead;
  /** Set for a format-1 file: its history, to be written to the log on the next save. */
  pendingLines: VersionLine[] | null;
}

/** `store_corrupt` naming `file` and what is wrong with it. */
export function corrupt(file: string, problem: string, cause?: unknown): ZipingError {
  return new ZipingError('store_corrupt', `数据文件有问题：${file}：${problem}。`, {
    details: { file, problem },
    cause,
  });
}

/** Parses one file's text; throws `store_corrupt` naming `file`. */
export function parseJson(file: string, text: string): unknown {
  if (text.trim() === '') throw corrupt(file, '文件是空的');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw corrupt(file, `不是有效的 JSON（${(error as Error).message}）`, error);
  }
}

function checked<T>(file: string, schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = fieldIssuesOf(result.error);
  const listed = issues
    .slice(0, 5)
    .map((i) => `${i.path || '(根)'}: ${i.message}`)
    .join('；');
  throw corrupt(file, `内容不符合存储格式（${listed}${issues.length > 5 ? ` 等 ${issues.length} 处` : ''}）`);
}

function formatOf(data: unknown): unknown {
  return data !== null && typeof data === 'object' ? (data as { format?: unknown }).format : undefined;
}

/** Checks a head file's data (format 1 or 2) for form `id`; throws `store_corrupt` naming `file`. */
export function checkHead(file: string, id: string, data: unknown): LoadedHead {
  if (formatOf(data) === 1) return checkLegacy(file, id, data);
  checked(file, FormHeadSchema, data);
  // The checked copy is only proof; keep the file's own data, so fields a newer scorer wrote survive.
  // A file saved before the history limit may hold more entries per cell than are kept now.
  const raw = data as FormHead;
  const head = deepFreeze({ ...raw, narratives: cappedNarratives(raw.narratives) });
  if (head.record.id !== id) throw corrupt(file, `记录编号 ${head.record.id} 与文件名 ${id} 不一致`);
  return { head, pendingLines: null };
}

function checkLegacy(file: string, id: string, data: unknown): LoadedHead {
  checked(file, FormDocumentSchema, data);
  const doc = deepFreeze(data as FormDocument);
  if (doc.record.id !== id) throw corrupt(file, `记录编号 ${doc.record.id} 与文件名 ${id} 不一致`);
  const last = doc.versions[doc.versions.length - 1]!;
  if (last.version !== doc.record.version) {
    throw corrupt(file, `当前版本 ${doc.record.version} 与历史中最新的第 ${last.version} 版不一致`);
  }
  const head: FormHead = {
    format: 2,
    record: doc.record,
    narratives: cappedNarratives(doc.narratives),
    chat: doc.chat,
    historyBytes: 0,
  };
  return { head, pendingLines: linesOfVersions(doc.versions) };
}

/** The committed lines of a history log (`bytes` of `text`), checked to be versions 1…`version`. */
export function parseHistory(file: string, text: Buffer, bytes: number, version: number): VersionLine[] {
  if (text.length < bytes) throw corrupt(file, `历史记录被截断（应有 ${bytes} 字节，只有 ${text.length} 字节）`);
  const lines = text
    .subarray(0, bytes)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  const out = lines.map(
    (line, i) => checked(`${file} 第 ${i + 1} 行`, VersionLineSchema, parseJson(file, line)) as VersionLine,
  );
  if (out.length !== version || out.some((l, i) => l.version !== i + 1)) {
    throw corrupt(file, `历史记录应有第 1–${version} 版，实际有 ${out.length} 条`);
  }
  return deepFreeze(out);
}

/** The text appended to a log for `lines`. */
export function historyText(lines: readonly VersionLine[]): Buffer {
  return Buffer.from(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 'utf8');
}

/** One form in `index.json`: its summary and the size and mtime its file had then. */
export interface IndexEntry {
  size: number;
  mtimeMs: number;
  summary: FormSummary;
}

type FieldKind = 'string' | 'number' | 'string?' | 'number?' | 'string|absent';
const SUMMARY_FIELDS: Record<keyof FormSummary, FieldKind> = {
  id: 'string',
  projectName: 'string',
  year: 'number',
  department: 'string?',
  implementer: 'string?',
  total: 'number',
  selfTotal: 'number?',
  grade: 'string',
  openIssues: 'number',
  version: 'number',
  updatedAt: 'string',
  unit: 'string|absent',
};

/** A plain check, not zod: the index holds 10,000 entries and is read at every start. */
function isIndexEntry(id: string, value: unknown): value is IndexEntry {
  const entry = value as Partial<IndexEntry> | null;
  if (!entry || typeof entry.size !== 'number' || typeof entry.mtimeMs !== 'number') return false;
  const summary = entry.summary as unknown as Record<string, unknown> | undefined;
  if (!summary || typeof summary !== 'object' || summary.id !== id) return false;
  return Object.entries(SUMMARY_FIELDS).every(([key, kind]) => {
    const field = summary[key];
    if (kind === 'string|absent') return field === undefined || typeof field === 'string';
    return kind.endsWith('?') ? field === null || typeof field === kind.slice(0, -1) : typeof field === kind;
  });
}

/** The entries of an index file's text, or an empty map when it is missing or unusable (it is only a cache). */
export function parseIndex(text: string | null): Map<string, IndexEntry> {
  if (!text) return new Map();
  try {
    const value = JSON.parse(text) as { format?: unknown; forms?: Record<string, unknown> };
    if (value.format !== 1 || !value.forms || typeof value.forms !== 'object') return new Map();
    const entries = new Map<string, IndexEntry>();
    for (const [id, entry] of Object.entries(value.forms)) {
      // One bad entry only costs a re-parse of that form's file
      if (isIndexEntry(id, entry)) entries.set(id, entry);
    }
    return entries;
  } catch {
    // A torn or hand-edited index: rebuild it from the files.
    return new Map();
  }
}

/** The text of an index file for `entries`. */
export function indexText(entries: Iterable<[string, IndexEntry]>): string {
  return JSON.stringify({ format: 1, forms: Object.fromEntries(entries) });
}
