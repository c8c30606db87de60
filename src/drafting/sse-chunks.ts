/**
 * The chunks of a streamed chat completion, read straight from the response body: bytes → lines
 * (`\n`, `\r\n` or `\r` ends one) → Server-Sent Events → each event's `data` parsed as JSON, until
 * `[DONE]`. The SDK's Stream does the same through four nested async generators and a copy of the
 * bytes per read, every one of them promise hops between the socket and the first words, and they
 * are built for every call once its headers arrive (issue #9); here each read is one loop.
 *
 * As the SDK: a comment line (`:`) is skipped, `data` lines of one event are joined by `\n`, an
 * event whose JSON carries `error` throws the SDK's APIError (no status: the service reported it
 * mid-stream), and what follows `[DONE]` is read (so the connection can be reused) but ignored.
 */
import OpenAI from 'openai';
import { OutputTooLong, tooManyBytesMessage } from './model-errors.js';

/** One chunk of a streamed chat completion. */
export type CompletionChunk = OpenAI.ChatCompletionChunk;

/** The events of one read, split from the lines of an SSE body. */
class EventLines {
  #data: string[] = [];
  #event = '';
  /** Complete events' `data`, waiting to be parsed. */
  readonly ready: { event: string; data: string }[] = [];

  line(line: string): void {
    if (line === '') {
      this.#dispatch();
      return;
    }
    if (line.charCodeAt(0) === 0x3a) return; // ':' a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
  }

  #dispatch(): void {
    if (this.#data.length > 0) this.ready.push({ event: this.#event, data: this.#data.join('\n') });
    this.#data = [];
    this.#event = '';
  }
}

/** Text split into lines across reads; a `\r` at the end of one read may pair with a `\n` starting the next. */
class LineSplitter {
  #rest = '';
  #afterCr = false;

  /** Feeds `text`, passing each complete line to `onLine`. */
  push(text: string, onLine: (line: string) => void): void {
    let more = text;
    if (this.#afterCr && more.length > 0) {
      if (more.charCodeAt(0) === 0x0a) more = more.slice(1);
      this.#afterCr = false;
    }
    const s = this.#rest + more;
    // The rest holds no line end; each line end is looked up once: linear in the text
    let start = 0;
    let cr = s.indexOf('\r', this.#rest.length);
    let lf = s.indexOf('\n', this.#rest.length);
    for (;;) {
      if (cr >= 0 && cr < start) cr = s.indexOf('\r', start);
      if (lf >= 0 && lf < start) lf = s.indexOf('\n', start);
      const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
      if (end < 0) break;
      onLine(s.slice(start, end));
      start = end + 1;
      if (end === cr) {
        if (start === s.length) this.#afterCr = true;
        else if (s.charCodeAt(start) === 0x0a) start++;
      }
    }
    this.#rest = s.slice(start);
  }
}

/**
 * Reads a chat completion's SSE body read by read; `next` gives the chunks each read completed. A
 * body past `maxBytes` throws OutputTooLong (no stream is piped through to count it). Whatever `next`
 * throws, it cancels the body first, as the SDK's Stream aborts its request on any throw.
 */
export class CompletionChunks {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  readonly #lines = new LineSplitter();
  readonly #events = new EventLines();
  readonly #onLine = (line: string) => this.#events.line(line);
  readonly #headers: Headers;
  readonly #maxBytes: number;
  #bytes = 0;
  #done = false;
  #ended = false;

  constructor(response: Response, maxBytes: number) {
    if (!response.body) throw new Error('model stream has no body');
    this.#reader = response.body.getReader();
    this.#headers = response.headers;
    this.#maxBytes = maxBytes;
  }

  /** The chunks completed by the next read of the body (maybe none); null once the body has ended. */
  async next(): Promise<CompletionChunk[] | null> {
    // One async function, not a wrapper around one: no extra promise hop per read (issue #9)
    try {
      const { done, value } = await this.#reader.read();
      if (done) {
        this.#ended = true;
        return null;
      }
      this.#bytes += value.byteLength;
      if (this.#bytes > this.#maxBytes) throw new OutputTooLong(tooManyBytesMessage(this.#maxBytes));
      this.#lines.push(this.#decoder.decode(value, { stream: true }), this.#onLine);
      return this.#parse(this.#events.ready.splice(0));
    } catch (error) {
      this.cancel(error);
      throw error;
    }
  }

  /** The chunks of complete events, until `[DONE]`; an `error` event throws the SDK's APIError. */
  #parse(events: { event: string; data: string }[]): CompletionChunk[] {
    const chunks: CompletionChunk[] = [];
    for (const { event, data } of events) {
      if (this.#done || event.startsWith('thread.')) continue;
      if (data.startsWith('[DONE]')) {
        this.#done = true;
        continue;
      }
      const parsed = JSON.parse(data) as CompletionChunk & { error?: Record<string, unknown> };
      if (parsed?.error) throw new OpenAI.APIError(undefined, parsed.error, undefined, this.#headers);
      chunks.push(parsed);
    }
    return chunks;
  }

  /** Stops reading a body that has not ended (the connection is given up); once is enough. */
  cancel(reason?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#reader.cancel(reason).catch(() => undefined);
  }
}
