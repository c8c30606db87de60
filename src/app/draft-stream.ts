/**
 * Answers a drafting request as JSON, or as Server-Sent Events when the client asks for
 * `text/event-stream`. Stream work runs after the Response is returned, so `app.onError`
 * never sees its errors: they are caught here and sent as a sanitized `error` event.
 */
import type { Context } from 'hono';
import { ZipingError } from '../core/errors.js';
import { nextTurn } from '../drafting/next-turn.js';
import { type EventStream, eventStream } from './draft-event-stream.js';

/** Sends one event; `data` is JSON. */
export type EmitEvent = (event: string, data: unknown) => void;

/** What a drafting request does: its events go to `emit` (null for a JSON answer). */
export type DraftWork<T> = (emit: EmitEvent | null, signal: AbortSignal) => Promise<T>;

/** Runs `work` into `stream`: its events, then `done` with its result or a sanitized `error`; never rejects. */
async function streamWork<T>(
  work: DraftWork<T>,
  stream: EventStream,
  signal: AbortSignal,
  logError: (message: string, error: unknown) => void,
): Promise<void> {
  try {
    stream.send('done', await work(stream.send, signal));
  } catch (error) {
    if (signal.aborted) return;
    const known = error instanceof ZipingError ? error : null;
    if (!known) logError('drafting failed', error);
    stream.send('error', {
      code: known?.code ?? 'internal_error',
      message: known?.message ?? '起草时发生内部错误，请稍后重试',
      ...(known?.details ?? {}),
    });
  } finally {
    stream.close();
  }
}

/** Runs `work` once; streams its events when the client accepts SSE, else answers its result as JSON. */
export async function answerDraft<T>(
  c: Context,
  work: DraftWork<T>,
  logError: (message: string, error: unknown) => void,
): Promise<Response> {
  // Node closes the request when the client goes away: the model call stops with it
  if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
    return c.json((await work(null, c.req.raw.signal)) as object);
  }
  const controller = new AbortController();
  // A body the client cancels (it went away) aborts the model call too
  const stream = eventStream(() => controller.abort());
  void streamWork(work, stream, controller.signal, logError);
  // The model request leaves before the answer goes out (issue #9): the work above runs to it while
  // this waits a turn, and only then do the middleware, the audit line and the headers take their
  // share of the thread; the first words wait for the model, never for the headers
  await nextTurn();
  const request = c.req.raw.signal;
  if (request.aborted) controller.abort();
  else request.addEventListener('abort', () => controller.abort(), { once: true });
  c.header('Content-Type', 'text/event-stream');
  c.header('Cache-Control', 'no-cache');
  c.header('Connection', 'keep-alive');
  c.header('Transfer-Encoding', 'chunked');
  return c.body(stream.body());
}
