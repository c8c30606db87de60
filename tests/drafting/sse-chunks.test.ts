/**
 * The drafter's reader of streamed chat completions (sse-chunks.ts) against the SDK's own parser as
 * the reference: the bytes a real server sends (the loopback model over HTTP), with each kind of
 * line end, comments and multi-line data, cut into reads anywhere (inside a UTF-8 character too),
 * must give the chunks the SDK's Stream gives for the whole body, and an error reported mid-stream
 * must throw the same APIError. Whatever the reader throws, it has cancelled the body, as the SDK does.
 */
import OpenAI from 'openai';
import { Stream } from 'openai/core/streaming';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputTooLong } from '../../src/drafting/model-errors.js';
import { CompletionChunks } from '../../src/drafting/sse-chunks.js';
import { startOpenAIServer, type OpenAIServer, type ScriptedReply } from '../support/openai-server.js';

const TEXT = '该指标年度指标值为≥200台，实际完成296台，完成率148%。偏差原因：新增算力需求。';

const REPLIES: Record<string, ScriptedReply> = {
  'text with usage in a last chunk': { text: TEXT, chunkSize: 3 },
  'reasoning before the text, usage in the finish chunk': {
    text: TEXT,
    reasoning: '先核对数字。',
    streamUsage: 'choice',
  },
};

let server: OpenAIServer;
/** The body the loopback model sent for each reply, fetched before the tests (their loops keep the thread busy). */
const bodies = new Map<string, Uint8Array>();
beforeAll(async () => {
  server = await startOpenAIServer();
  for (const [name, reply] of Object.entries(REPLIES)) bodies.set(name, await modelBytes(reply));
});
afterAll(() => server.close());

/** The raw body the loopback model streams for `reply`, as bytes. */
async function modelBytes(reply: ScriptedReply): Promise<Uint8Array> {
  server.enqueue(reply);
  const res = await fetch(`${server.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'm',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: '起草' }],
    }),
  });
  return new Uint8Array(await res.arrayBuffer());
}

/** A response whose body arrives in the given reads. */
function responseOf(reads: Uint8Array[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const r of reads) c.enqueue(r);
      c.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

/** A live body: it gives `reads` and stays open, as a connection still sending; it notes each cancel's reason. */
function openBody(reads: Uint8Array[]) {
  const cancels: unknown[] = [];
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const r of reads) c.enqueue(r);
    },
    cancel(reason) {
      cancels.push(reason);
    },
  });
  return { response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }), cancels };
}

/** What reading `chunks` to its end throws (undefined when nothing). */
async function thrownBy(chunks: CompletionChunks): Promise<unknown> {
  try {
    for (let read = await chunks.next(); read; read = await chunks.next());
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Every chunk the reader gives for `reads`, in order. */
async function readAll(reads: Uint8Array[]): Promise<unknown[]> {
  const chunks = new CompletionChunks(responseOf(reads), Number.MAX_SAFE_INTEGER);
  const out: unknown[] = [];
  for (let read = await chunks.next(); read; read = await chunks.next()) out.push(...read);
  return out;
}

/** What the SDK's Stream gives for the whole body. */
async function sdkChunks(bytes: Uint8Array): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const chunk of Stream.fromSSEResponse(responseOf([bytes]), new AbortController())) out.push(chunk);
  return out;
}

/** `bytes` cut into two reads at `at`. */
const cutAt = (bytes: Uint8Array, at: number) => [bytes.subarray(0, at), bytes.subarray(at)];

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** The body's text with its line ends and framing rewritten. */
const rewritten = (bytes: Uint8Array, edit: (text: string) => string) => encoder.encode(edit(decoder.decode(bytes)));

const VARIANTS: [string, (text: string) => string][] = [
  ['as sent (\\n)', (t) => t],
  ['\\r\\n line ends', (t) => t.replaceAll('\n', '\r\n')],
  ['\\r line ends', (t) => t.replaceAll('\n', '\r')],
  ['keep-alive comments and an event name', (t) => t.replaceAll('data: ', ': keep-alive\nevent: message\ndata: ')],
  ['data without the space after the colon', (t) => t.replaceAll('data: ', 'data:')],
  // JSON may hold a line break between tokens: its two lines are one event's data
  ['data split over two lines', (t) => t.replaceAll('data: {"id"', 'data: {\ndata: "id"')],
];

describe('reading a streamed chat completion', () => {
  for (const name of Object.keys(REPLIES)) {
    for (const [variant, edit] of VARIANTS) {
      it(`gives the SDK's chunks for ${name}, ${variant}, read whole or cut anywhere`, async () => {
        const bytes = rewritten(bodies.get(name)!, edit);
        const expected = await sdkChunks(bytes);
        expect(expected.length).toBeGreaterThan(5);
        expect(await readAll([bytes])).toEqual(expected);
        // every cut in the first events (each kind of boundary), then a spread of cuts through the rest
        for (let at = 1; at < bytes.length; at += at < 600 ? 1 : 17) {
          expect(await readAll(cutAt(bytes, at))).toEqual(expected);
        }
      });
    }
  }

  it('gives the chunks when every byte is a read of its own', async () => {
    const bytes = bodies.get('text with usage in a last chunk')!;
    const reads = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect(await readAll(reads)).toEqual(await sdkChunks(bytes));
  });

  it('throws OutputTooLong and cancels the body once it passes its byte cap, and reads a body at the cap', async () => {
    const bytes = bodies.get('text with usage in a last chunk')!;
    const reads = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    // the body stays open past the cap, as a model still sending: it must be cancelled, not left locked
    const live = openBody(reads);
    const over = new CompletionChunks(live.response, bytes.length - 1);
    const error = await thrownBy(over);
    expect(error).toBeInstanceOf(OutputTooLong);
    expect((error as Error).message).toBe(`模型回答超过${bytes.length - 1}字节，已中止；未保存任何部分文本`);
    expect(live.cancels).toHaveLength(1);
    expect(live.cancels[0]).toBe(error);
    // the caller's cancel after the throw (model-call.ts's finally) does not cancel it again
    over.cancel();
    expect(live.cancels).toHaveLength(1);
    expect(await thrownBy(new CompletionChunks(responseOf(reads), bytes.length))).toBeUndefined();
  });

  const THROWING: [string, string, new (...args: never[]) => Error][] = [
    [
      'an error the service reports mid-stream',
      'data: {"choices":[{"index":0,"delta":{"content":"本"}}]}\n\ndata: {"error":{"message":"服务过载"}}\n\n',
      OpenAI.APIError,
    ],
    [
      'an event whose data is not JSON',
      'data: {"choices":[{"index":0,"delta":{"content":"本"}}]}\n\ndata: {"choi\n\n',
      SyntaxError,
    ],
  ];
  for (const [name, text, kind] of THROWING) {
    it(`cancels the body it throws on, for ${name}`, async () => {
      const live = openBody([encoder.encode(text)]);
      const error = await thrownBy(new CompletionChunks(live.response, Number.MAX_SAFE_INTEGER));
      expect(error).toBeInstanceOf(kind);
      expect(live.cancels).toHaveLength(1);
      expect(live.cancels[0]).toBe(error);
    });
  }

  it('ignores what follows [DONE], as the SDK does', async () => {
    const bytes = bodies.get('text with usage in a last chunk')!;
    const more = encoder.encode('data: {"choices":[{"index":0,"delta":{"content":"多余"}}]}\n\n');
    const both = new Uint8Array([...bytes, ...more]);
    expect(await readAll([both])).toEqual(await sdkChunks(bytes));
  });

  it("throws the SDK's APIError, without a status, for an error the service reports mid-stream", async () => {
    const body = encoder.encode(
      'data: {"choices":[{"index":0,"delta":{"content":"本"}}]}\n\ndata: {"error":{"message":"服务过载","type":"server_error"}}\n\n',
    );
    const sdk = await sdkChunks(body).catch((e: unknown) => e);
    const ours = await readAll([body]).catch((e: unknown) => e);
    expect(sdk).toBeInstanceOf(OpenAI.APIError);
    expect(ours).toBeInstanceOf(OpenAI.APIError);
    expect((ours as InstanceType<typeof OpenAI.APIError>).status).toBeUndefined();
    expect((ours as Error).message).toBe((sdk as Error).message);
  });
});
