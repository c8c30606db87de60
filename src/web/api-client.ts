/**
 * The page's way to the service: JSON calls to `/api/*` (the streamed draft and chat calls are in
 * api-stream.ts, the import in api-import.ts, loaded when first used). Errors arrive as `ApiError`
 * carrying the API's `{ error: { code, message, issues } }`.
 */
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../app/create-app.js';
import type { FieldIssue, FormInput } from '../core/index.js';
import type { NarrativeOrigin } from '../core/narratives/index.js';
import type { DraftChecks } from '../drafting/types.js';
import { csrfHeaders } from './session-state.js';

/** A failed API call, with the API's error code, Chinese message and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The typed client of the app's JSON routes: a route change that breaks the page breaks the type check. */
export const api = hc<AppType>('/', { headers: csrfHeaders }).api;

type FormRoute = (typeof api.forms)[':id'];
/** A stored form as GET /api/forms/:id returns it (the app's FormViewSchema). */
export type FormView = InferResponseType<FormRoute['$get'], 200>;
/** One row of the form list. */
export type FormSummary = InferResponseType<typeof api.forms.$get, 200>['items'][number];
export type VersionEntry = InferResponseType<FormRoute['history']['$get'], 200>['versions'][number];
export type CellHistoryEntry = InferResponseType<
  FormRoute['narratives'][':path']['history']['$get'],
  200
>['entries'][number];

/** The end of a streamed draft or revision. */
export interface DraftDone {
  path: string;
  text: string;
  checks?: DraftChecks;
  drafter?: string;
  model?: string;
  promptId?: string;
  promptVersion?: string | number;
  notice?: string;
}

/** One cell of a batch draft: its result, or why it failed (the others go on). */
export interface BatchItem {
  path: string;
  ok: boolean;
  result?: DraftDone;
  error?: { code: string; message: string };
}

export interface StreamHandlers {
  /** New text of the cell being written; in a batch several cells stream at once, told apart by `path`. */
  onDelta?(text: string, path?: string): void;
  /** The text streamed so far for the cell is void (a retry, a repair, the fallback); deltas start over. */
  onReset?(path?: string): void;
  /** A batch finished one more cell. */
  onProgress?(progress: { done: number; total: number; path?: string; item?: BatchItem }): void;
}

export interface SaveBody {
  form: FormInput;
  origins?: Record<string, NarrativeOrigin>;
  author?: string;
}

/** The version as an ETag value for If-Match. */
const tag = (version: number): string => `"${version}"`;

export async function errorOf(response: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; issues?: FieldIssue[] } & Record<string, unknown> } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON: keep the status line
  }
  const error = body.error ?? {};
  const { code, message, issues, ...details } = error;
  return new ApiError(
    response.status,
    code ?? `http_${response.status}`,
    message ?? `服务返回 ${response.status} ${response.statusText}`,
    issues ?? [],
    details,
  );
}

/** Awaits a typed client call; a network failure becomes ApiError `network_error`. */
export async function send<R>(call: Promise<R>): Promise<R> {
  try {
    return await call;
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', '无法连接服务，请检查服务是否在运行');
  }
}

export const JSON_HEADERS = { accept: 'application/json' };

/** Lists forms: GET /api/forms. */
export async function listForms(
  query: { q?: string; year?: string; department?: string; cursor?: string; limit?: number } = {},
): Promise<{ items: FormSummary[]; nextCursor: string | null }> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params[key] = String(value);
  const response = await send(api.forms.$get({ query: params }, { headers: JSON_HEADERS }));
  if (response.status !== 200) throw await errorOf(response);
  return response.json();
}

/** Reads one stored form. */
export async function getForm(id: string): Promise<FormView> {
  const response = await send(
    api.forms[':id'].$get({ param: { id: encodeURIComponent(id) }, header: {} }, { headers: JSON_HEADERS }),
  );
  if (response.status !== 200) throw await errorOf(response);
  return response.json();
}

/** Stores a new form (version 1). */
export async function createForm(body: SaveBody): Promise<FormView> {
  const response = await send(api.forms.$post({ json: body, header: {} }, { headers: JSON_HEADERS }));
  if (response.status !== 201) throw await errorOf(response);
  return response.json();
}

/** Saves a new version if `version` is still the current one (else 409 version_conflict). */
export async function updateForm(id: string, version: number, body: SaveBody): Promise<FormView> {
  const header = { 'If-Match': tag(version) };
  const response = await send(
    api.forms[':id'].$put({ param: { id: encodeURIComponent(id) }, json: body, header }, { headers: JSON_HEADERS }),
  );
  if (response.status !== 200) throw await errorOf(response);
  return response.json();
}

/** Deletes a form and its history. */
export async function deleteForm(id: string, version: number): Promise<void> {
  const header = { 'If-Match': tag(version) };
  const response = await send(
    api.forms[':id'].$delete({ param: { id: encodeURIComponent(id) }, header }, { headers: JSON_HEADERS }),
  );
  if (response.status !== 204) throw await errorOf(response);
}

/** Every saved version, oldest first. */
export async function formHistory(id: string): Promise<VersionEntry[]> {
  const response = await send(
    api.forms[':id'].history.$get({ param: { id: encodeURIComponent(id) } }, { headers: JSON_HEADERS }),
  );
  if (response.status !== 200) throw await errorOf(response);
  return (await response.json()).versions;
}

/** One saved version with its form, scored again with today's rules. */
export async function formVersion(id: string, version: number) {
  const param = { id: encodeURIComponent(id), version: String(version) };
  const response = await send(api.forms[':id'].versions[':version'].$get({ param }, { headers: JSON_HEADERS }));
  if (response.status !== 200) throw await errorOf(response);
  return response.json();
}

/** The saved texts of one narrative cell, oldest first. */
export async function cellHistory(id: string, path: string): Promise<CellHistoryEntry[]> {
  const route = api.forms[':id'].narratives[':path'].history;
  const response = await send(
    route.$get({ param: { id: encodeURIComponent(id), path: encodeURIComponent(path) } }, { headers: JSON_HEADERS }),
  );
  if (response.status !== 200) throw await errorOf(response);
  return (await response.json()).entries;
}

/** The rule profiles: id and Chinese name. */
export async function listProfilesApi(): Promise<{ id: string; name: string }[]> {
  const response = await send(api.profiles.$get({}, { headers: JSON_HEADERS }));
  if (response.status !== 200) throw await errorOf(response);
  return (await response.json()).profiles;
}

/** Where a stored form downloads as .xlsx (the 自评表) or .docx (自评表 and 自评报告). */
export function exportUrl(id: string, format: 'xlsx' | 'docx'): string {
  return `/api/forms/${encodeURIComponent(id)}/export.${format}`;
}
