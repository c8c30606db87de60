/**
 * Reading request bodies: JSON that does not parse is 400 `invalid_json`; a save body is either a
 * bare form or `{ form, origins?, author? }`, and a form that fails the schema is 422 with every
 * failing field (paths relative to the form).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { ZipingError } from '../core/errors.js';
import { NarrativeOriginSchema, type NarrativeOrigin } from '../core/narratives/origin.js';
import type { Form, NarrativePath } from '../core/schema/form.js';
import { parseForm, parseWith } from '../core/schema/validate.js';

/** The parsed JSON body of the request. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new ZipingError('invalid_json', '请求体为空：应为 JSON');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ZipingError('invalid_json', `请求体不是有效的 JSON：${(error as Error).message}`);
  }
}

const AuthorSchema = z.string().trim().min(1).max(100);

export const SaveEnvelopeSchema = z.strictObject({
  form: z.unknown(),
  /** Origins of narrative texts this save changes, by path (`goals.actual`, `indicators.N.deviation`). */
  origins: z.record(z.string(), NarrativeOriginSchema).optional(),
  author: AuthorSchema.optional(),
});

export interface SaveBody {
  form: Form;
  origins: Partial<Record<NarrativePath, NarrativeOrigin>>;
  author?: string;
}

function isEnvelope(body: unknown): body is Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body) && 'form' in body;
}

/** A form, bare or wrapped in `{ form, ... }`, from a parsed body. */
export function formOf(body: unknown): Form {
  return parseForm(isEnvelope(body) ? body.form : body);
}

/** The parts of a save body (POST/PUT /api/forms). */
export function parseSaveBody(body: unknown): SaveBody {
  if (!isEnvelope(body)) return { form: parseForm(body), origins: {} };
  const envelope = parseWith(SaveEnvelopeSchema, body, 'invalid_request', '请求');
  return {
    form: parseForm(envelope.form),
    origins: (envelope.origins ?? {}) as Partial<Record<NarrativePath, NarrativeOrigin>>,
    author: envelope.author,
  };
}

/** Who is saving: the body's `author`, else the `X-Ziping-User` header (may be percent-encoded), else 匿名. */
export function authorOf(c: Context, fromBody?: string): string {
  if (fromBody) return fromBody;
  const header = c.req.header('x-ziping-user');
  if (!header) return '匿名';
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // Not percent-encoded: use as sent.
  }
  return parseWith(AuthorSchema, name, 'invalid_request', 'X-Ziping-User 请求头');
}
