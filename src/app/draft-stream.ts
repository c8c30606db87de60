/**
 * Answers a drafting request as JSON, or as Server-Sent Events when the client asks for
 * `text/event-stream`. Stream callbacks run after the Response is returned, so `app.onError`
 * never sees their errors: they are caught here and sent as a sanitized `error` event.
 */
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { ZipingError } from '../core/errors.js';

/** Sends one event; `data` is JSON. */
export type EmitEvent = (event: string, data: unknown) => Promise<void>;

/** Runs `work` once; streams its events when the client accepts SSE, else answers its result as JSON. */
export async function answerDraft<T>(
  c: Context,
  work: (emit: EmitEvent | null, signal: AbortSignal) => Promise<T>,
  logError: (message: string, error: unknown) => void,
): Promise<Response> {
  const controller = new AbortController();
  // Node closes the request when the client goes away; pass that on to the model call
  c.req.raw.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
    return c.json((await work(null, controller.signal)) as object);
  }
  return streamSSE(c, async (stream: SSEStreamingApi) => {
    stream.onAbort(() => controller.abort());
    const emit: EmitEvent = async (event, data) => {
      if (!stream.aborted && !stream.closed) await stream.writeSSE({ event, data: JSON.stringify(data) });
    };
    try {
      const result = await work(emit, controller.signal);
      await emit('done', result);
    } catch (error) {
      if (controller.signal.aborted) return;
      const known = error instanceof ZipingError ? error : null;
      if (!known) logError('drafting failed', error);
      await emit('error', {
        code: known?.code ?? 'internal_error',
        message: known?.message ?? '起草时发生内部错误，请稍后重试',
        ...(known?.details ?? {}),
      });
    }
  });
}
