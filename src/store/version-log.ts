/**
 * A form's history as a log of small lines, one per saved version, for stores that must not copy
 * the whole form per version (lowdb's `history/<id>.jsonl`, PostgreSQL's `ziping_versions`). The
 * current record holds the newest form; line N (N ≥ 2) holds the patch that turns form N back into
 * form N − 1, so a save writes only what it changed and recent versions are the cheapest to rebuild.
 * The state transitions themselves are those of form-document.ts, so every store saves the same way.
 */
import { z } from 'zod';
import { newDocument, updatedDocument } from './form-document.js';
import { applyPatch, diffJson, type PatchOp } from './form-patch.js';
import {
  VersionEntrySchema,
  type FormDocument,
  type FormRecord,
  type NarrativeEntry,
  type StoredVersion,
  type VersionEntry,
} from './records.js';
import type { SaveInput } from './repository.js';
import { versionNotFound } from './store-errors.js';

const PatchOpSchema = z.object({
  p: z.array(z.union([z.string(), z.number().int().min(0)])),
  v: z.unknown().optional(),
  n: z.number().int().min(0).optional(),
});

/** One line of the log: the version's history entry and the patch back to the version before. */
export const VersionLineSchema = VersionEntrySchema.extend({ back: z.array(PatchOpSchema).optional() });
export type VersionLine = VersionEntry & { back?: PatchOp[] };

export type Narratives = FormDocument['narratives'];

/** What one save produces: the new current record, the narrative histories, and its log line. */
export interface SaveStep {
  record: FormRecord;
  narratives: Narratives;
  line: VersionLine;
}

/** The first save of form `id`. */
export function firstSave(id: string, input: SaveInput): SaveStep {
  const doc = newDocument(id, input);
  const { form: _form, ...entry } = doc.versions[0]!;
  return { record: doc.record, narratives: doc.narratives, line: entry };
}

/** The save of `input` over `record` (throws `version_conflict` unless `expectedVersion` is current). */
export function nextSave(
  record: FormRecord,
  narratives: Narratives,
  expectedVersion: number,
  input: SaveInput,
): SaveStep {
  const doc = updatedDocument({ format: 1, record, versions: [], narratives, chat: {} }, expectedVersion, input);
  const { form, ...entry } = doc.versions[doc.versions.length - 1]!;
  return { record: doc.record, narratives: doc.narratives, line: { ...entry, back: diffJson(form, record.form) } };
}

/** The history entries of `lines` (without their patches). */
export function entriesOf(lines: readonly VersionLine[]): VersionEntry[] {
  return lines.map(({ version, at, by, action, changes }) => ({ version, at, by, action, changes }));
}

/**
 * Version `version` with its form, from the current record and the lines of the versions after it
 * (`later`, any order; lines up to `version` are ignored) and the line of `version` itself.
 */
export function versionFromLog(
  record: FormRecord,
  own: VersionLine | undefined,
  later: readonly VersionLine[],
  version: number,
): StoredVersion {
  if (!own || own.version !== version || version > record.version)
    throw versionNotFound(record.id, version, record.version);
  const steps = later.filter((l) => l.version > version).sort((a, b) => b.version - a.version);
  let form = record.form;
  for (const line of steps) form = applyPatch(form, line.back ?? []);
  const [entry] = entriesOf([own]);
  return { ...entry!, form };
}

/** The log of a whole-copy history (format-1 documents): one line per version with patches back. */
export function linesOfVersions(versions: readonly StoredVersion[]): VersionLine[] {
  return versions.map((v, i) => {
    const [entry] = entriesOf([v]);
    return i === 0 ? entry! : { ...entry!, back: diffJson(v.form, versions[i - 1]!.form) };
  });
}

export type { NarrativeEntry };
