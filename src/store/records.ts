/**
 * What the store keeps for one form: the current record, every saved version, the history of each
 * narrative cell and the revision chats. The lowdb store writes exactly this document to
 * `forms/<id>.json`; the schemas here check such a file when the store opens it.
 */
import { z } from 'zod';
import { FormSchema, type Form } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { NarrativeOriginSchema } from '../core/narratives/origin.js';
import { NarrativeSnapshotSchema } from '../core/narratives/snapshot.js';

const isoTime = z.iso.datetime({ offset: true });
const version = z.number().int().min(1);

/**
 * The report is derived data (the scorer recomputes it from the form), so a stored one is only
 * checked for the parts the store reads; a scorer that adds fields later does not make old files
 * unreadable.
 */
const StoredReportSchema = z.looseObject({
  total: z.number(),
  selfTotal: z.number().nullable(),
  grade: z.string(),
  issues: z.array(z.looseObject({ severity: z.string(), path: z.string(), code: z.string(), message: z.string() })),
});

export const FormRecordSchema = z.object({
  id: z.string().min(1),
  version,
  /** The unit the form belongs to (issue #12), set at creation; absent for forms saved without accounts. */
  unit: z.string().min(1).optional(),
  form: FormSchema,
  report: StoredReportSchema,
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const VersionEntrySchema = z.object({
  version,
  at: isoTime,
  by: z.string(),
  action: z.enum(['create', 'update']),
  /** Dotted leaf paths whose values differ from the previous version (empty for the first). */
  changes: z.array(z.string()),
});

export const StoredVersionSchema = VersionEntrySchema.extend({ form: FormSchema });

export const NarrativeEntrySchema = z.object({
  /** The form version that saved this text. */
  version,
  at: isoTime,
  by: z.string(),
  text: z.string(),
  origin: NarrativeOriginSchema,
  /** The inputs and scores the text was written against; null when the cell was removed. */
  snapshot: NarrativeSnapshotSchema.nullable(),
});

/** One turn of a revision conversation about a narrative cell; extra fields are kept as given. */
export const ChatMessageSchema = z.looseObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
  at: isoTime.optional(),
  origin: NarrativeOriginSchema.optional(),
});

export const FormDocumentSchema = z.object({
  /** Layout version of the file, for future migrations. */
  format: z.literal(1),
  record: FormRecordSchema,
  versions: z.array(StoredVersionSchema).min(1),
  narratives: z.record(z.string(), z.array(NarrativeEntrySchema)),
  chat: z.record(z.string(), z.array(ChatMessageSchema)),
});

/** The current state of a stored form. */
export type FormRecord = Omit<z.infer<typeof FormRecordSchema>, 'form' | 'report'> & {
  form: Form;
  report: ScoreReport;
};
export type VersionEntry = z.infer<typeof VersionEntrySchema>;
/** A saved version with the form as it was then. */
export type StoredVersion = VersionEntry & { form: Form };
export type NarrativeEntry = z.infer<typeof NarrativeEntrySchema>;
export type ChatMessage = z.infer<typeof ChatMessageSchema>;
/** Everything stored about one form (one file in the lowdb store). */
export type FormDocument = {
  format: 1;
  record: FormRecord;
  versions: StoredVersion[];
  narratives: Record<string, NarrativeEntry[]>;
  chat: Record<string, ChatMessage[]>;
};

/** One row of the form list. */
export interface FormSummary {
  id: string;
  projectName: string;
  year: number;
  department: string | null;
  implementer: string | null;
  total: number;
  selfTotal: number | null;
  grade: string;
  /** Report issues of severity error or warning. */
  openIssues: number;
  version: number;
  updatedAt: string;
  /** The form's unit (issue #12); absent for forms saved without accounts. */
  unit?: string;
}
