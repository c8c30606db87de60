/** Reads a Server-Sent Events response into its events, for tests. */
export interface SseEvent {
  event: string;
  data: any;
}

/** All events of `response`, in order, each `data` parsed as JSON. */
export async function readSse(response: Response): Promise<SseEvent[]> {
  const text = await response.text();
  return text
    .split(/\n\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const lines = block.split('\n');
      const event =
        lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim() ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      return { event, data: data ? JSON.parse(data) : null };
    });
}

/** The text of an SSE body read until its first whole `delta` event (a chunk may end inside one). */
export async function readUntilFirstDelta(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let seen = '';
  while (!/event: delta\ndata: [^\n]*\n\n/.test(seen)) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += decoder.decode(value, { stream: true });
  }
  return seen;
}
