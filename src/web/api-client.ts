/**
 * The page's only way to the service: JSON calls to `/api/*` and the streamed draft and chat
 * calls. Errors arrive as `ApiError` carrying the API's `{ error: { code, message, issues } }`.
 */
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../app/create-app.js';
import type { FieldIssue, FormInput } from '../core/index.js';
import type { NarrativeOrigin } from '../core/narratives/index.js';
import type { DraftChecks } from '../drafting/types.js';
import type { ImportReport } from '../io/import/report.js';
import { csrfHeaders } from './session-state.js';
import { readSse, type SseEvent } from './sse.js';

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

function parseData(data: string): Record<string, unknown> {
  try {
    return JSON.parse(data) as Record<string, unknown>;
  } catch {
    return { text: data };
  }
}

/** POSTs `body` asking for server-sent events; a failed connection is an ApiError `network_error`. */
async function postForStream(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...csrfHeaders() },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', '无法连接服务，请检查服务是否在运行');
  }
}

/** How a stream ended: its `done` payload, or the ApiError of its `error` event. */
interface StreamEnd {
  result?: unknown;
  failure?: ApiError;
}

/** Passes one event to the handlers, or records how the stream ended in `end`. */
function onStreamEvent(event: SseEvent, handlers: StreamHandlers, status: number, end: StreamEnd): void {
  const data = parseData(event.data);
  const path = typeof data.path === 'string' ? data.path : undefined;
  if (event.event === 'delta') handlers.onDelta?.(String(data.text ?? ''), path);
  else if (event.event === 'reset') handlers.onReset?.(path);
  else if (event.event === 'progress') {
    const item = path === undefined || data.ok === undefined ? undefined : (data as unknown as BatchItem);
    handlers.onProgress?.({ done: Number(data.done ?? 0), total: Number(data.total ?? 0), path, item });
  } else if (event.event === 'done') end.result = data;
  else if (event.event === 'error')
    end.failure = new ApiError(status, String(data.code ?? 'model_error'), String(data.message ?? '起草失败'));
}

/**
 * POSTs `body` and follows the server-sent events of a draft or revision (`delta`, `reset`,
 * `progress`, then `done` or `error`). Resolves with the `done` payload: a DraftDone for one
 * cell, `{ total, items }` for a batch. Rejects with ApiError on an HTTP error or an `error`
 * event. A server that answers with plain JSON (no streaming) resolves with that JSON.
 */
export async function streamPost(
  url: string,
  body: unknown,
  handlers: StreamHandlers,
  signal?: AbortSignal,
): Promise<unknown> {
  const response = await postForStream(url, body, signal);
  if (!response.ok) throw await errorOf(response);
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) return response.json();
  const end: StreamEnd = {};
  await readSse(response, (event) => onStreamEvent(event, handlers, response.status, end));
  if (end.failure) throw end.failure;
  if (end.result === undefined)
    throw new ApiError(response.status, 'stream_cut', '起草中断：服务没有发回完整结果，请重试');
  return end.result;
}

/** Which cells to draft: one, several, or every cell that needs a text. */
export type DraftSpec = { field: string } | { fields: string[] } | { all: true };

/**
 * Streams drafts. A form with unsaved changes is sent whole (POST /api/draft), so the drafter
 * writes about the numbers on the screen; a saved form is drafted by id.
 */
export function streamDrafts(
  formId: string,
  unsaved: FormInput | null,
  spec: DraftSpec,
  handlers: StreamHandlers,
  signal?: AbortSignal,
): Promise<unknown> {
  if (unsaved) return streamPost('/api/draft', { form: unsaved, ...spec }, handlers, signal);
  return streamPost(`/api/forms/${encodeURIComponent(formId)}/drafts`, spec, handlers, signal);
}

/**
 * Streams a revision of one cell asked for in words (POST /api/forms/:id/chat). A form with unsaved
 * changes goes along, so the revision is checked against the numbers on the screen.
 */
export async function streamRevision(
  formId: string,
  body: { field: string; message: string; currentText: string; form?: FormInput },
  handlers: StreamHandlers,
  signal?: AbortSignal,
): Promise<DraftDone> {
  return (await streamPost(`/api/forms/${encodeURIComponent(formId)}/chat`, body, handlers, signal)) as DraftDone;
}

/** Where a stored form downloads as .xlsx (the 自评表) or .docx (自评表 and 自评报告). */
export function exportUrl(id: string, format: 'xlsx' | 'docx'): string {
  return `/api/forms/${encodeURIComponent(id)}/export.${format}`;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Imports a chosen file or pasted text: POST /api/import; nothing is stored. */
export async function importForm(source: File | string): Promise<{ form: FormInput; report: ImportReport }> {
  const isText = typeof source === 'string';
  const type = isText
    ? 'text/plain; charset=utf-8'
    : /\.xlsx$/i.test(source.name)
      ? XLSX_TYPE
      : 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch('/api/import', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': type, ...csrfHeaders() },
      body: source,
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务，请检查服务是否在运行');
  }
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as { form: FormInput; report: ImportReport };
}
