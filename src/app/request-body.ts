/**
 * The parts of a save request: `{ form, origins?, author? }` (or a bare form) in the body, and who
 * saves, from the body's `author` or the `X-Ziping-User` header.
 */
import { z } from '@hono/zod-openapi';
import { parseWith } from '../core/schema/validate.js';
import type { NarrativeOrigin } from '../core/narratives/origin.js';
import type { NarrativePath } from '../core/schema/form.js';
import { Form, NarrativeOrigin as NarrativeOriginRef } from './schemas.js';

const AuthorSchema = z.string().trim().min(1).max(100);

export const SaveEnvelopeSchema = z.strictObject({
  form: Form,
  origins: z
    .record(z.string(), NarrativeOriginRef)
    .optional()
    .openapi({ description: '本次改动的叙述文字的来源，键为单元格路径；改了文字却没给来源的记为人工' }),
  author: AuthorSchema.optional().openapi({ description: '保存人' }),
});

/** The origins of a save body, keyed by narrative path (the store checks the keys). */
export function originsOf(
  origins: Record<string, NarrativeOrigin> | undefined,
): Partial<Record<NarrativePath, NarrativeOrigin>> {
  return (origins ?? {}) as Partial<Record<NarrativePath, NarrativeOrigin>>;
}

/** Who is saving: the body's `author`, else the `X-Ziping-User` header (may be percent-encoded), else 匿名. */
export function authorOf(header: string | undefined, fromBody?: string): string {
  if (fromBody) return fromBody;
  if (!header) return '匿名';
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // Not percent-encoded: use as sent.
  }
  return parseWith(AuthorSchema, name, 'invalid_request', 'X-Ziping-User 请求头');
}
