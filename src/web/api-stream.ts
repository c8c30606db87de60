/**
 * The streamed calls of the page: drafts and chat revisions as server-sent events. Loaded when a
 * draft or a chat first runs, so opening a form does not wait for them (issue #9, first-load budget).
 */
import type { FormInput } from '../core/index.js';
import { ApiError, type BatchItem, type DraftDone, errorOf, type StreamHandlers } from './api-client.js';
import { csrfHeaders } from './session-state.js';
import { readSse, type SseEvent } from './sse.js';

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
