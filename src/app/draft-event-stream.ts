/**
 * A Server-Sent Events body written straight into one ReadableStream: each event is encoded and
 * enqueued where it is sent. Hono's `streamSSE` puts a TransformStream and a second ReadableStream
 * between the writer and the response, three stream hops per event (and their setup per request)
 * before the first drafted words leave the server (issue #9). The bytes are the same:
 * `event: <name>\ndata: <json>\n\n`, the JSON on one line (JSON.stringify escapes line breaks).
 */

const encoder = new TextEncoder();

/** An SSE body and how to write it; events after `close` or a cancel are dropped. */
export interface EventStream {
  /**
   * The body, made on the first call (later calls return it): events sent before it are kept for
   * it, so the work can start (and its model request leave) before the answer is built.
   */
  body: () => ReadableStream<Uint8Array>;
  /** Sends one event, `data` as JSON. */
  send: (event: string, data: unknown) => void;
  /** Ends the body (once; a cancelled body is left as the client left it). */
  close: () => void;
}

/** A new SSE body; `onCancel` runs when its reader cancels it (the client went away). */
export function eventStream(onCancel: () => void): EventStream {
  let open = true;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  // Events sent (and whether the stream was closed) before the body was made
  const early: Uint8Array[] = [];
  let closedEarly = false;
  let made: ReadableStream<Uint8Array> | null = null;
  const body = () =>
    (made ??= new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        for (const bytes of early) c.enqueue(bytes);
        early.length = 0;
        if (closedEarly) c.close();
      },
      cancel() {
        open = false;
        onCancel();
      },
    }));
  return {
    body,
    send(event, data) {
      if (!open) return;
      const bytes = encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (controller) controller.enqueue(bytes);
      else early.push(bytes);
    },
    close() {
      if (!open) return;
      open = false;
      if (controller) controller.close();
      else closedEarly = true;
    },
  };
}
