/**
 * One call to the model: as one JSON answer, or streamed, with deltas passed on as they come. A
 * stream that breaks or falls silent after it started becomes StreamBroken (the retry policy in
 * model-retry.ts decides what follows); an answer over the cap is aborted at once.
 */
import type OpenAI from 'openai';
import { finishedText, tooLongMessage } from './model-answer.js';
import type { ModelCaller } from './model-client.js';
import { BadAnswer, OutputTooLong, StreamBroken } from './model-errors.js';
import { ThinkFilter, type WireMessage } from './messages.js';
import { nextTurn } from './next-turn.js';
import { type CompletionChunk, CompletionChunks } from './sse-chunks.js';
import { linked } from './signals.js';
import type { DraftSink } from './types.js';
import type { UsageMeter } from './usage.js';

export interface CallInput {
  messages: WireMessage[];
  signal: AbortSignal | undefined;
  /** The longest answer accepted, in characters. */
  cap: number;
  meter?: UsageMeter;
}

export interface StreamInput extends CallInput {
  sink: DraftSink;
  /** Told before each delta reaches the sink (so a retry knows to send `reset`). */
  onEmit: () => void;
}

/** The whole answer as one JSON response; throws what the SDK throws, or BadAnswer. */
export async function completeOnce(caller: ModelCaller, input: CallInput): Promise<string> {
  const { controller, release } = linked(input.signal);
  try {
    const res = await caller.client.chat.completions.create(
      { model: caller.model, messages: input.messages, ...caller.params },
      { signal: controller.signal, timeout: caller.timeoutMs, maxRetries: caller.maxRetries },
    );
    const choice = res.choices[0];
    const content = choice?.message?.content ?? '';
    if (content.length > input.cap) throw new OutputTooLong(tooLongMessage(input.cap));
    const text = finishedText(content, choice?.finish_reason);
    input.meter?.record(res.usage, input.messages, content);
    return text;
  } finally {
    release();
  }
}

/**
 * Aborts a stream that sends nothing for `ms`. A chunk only notes its time: clearing and setting a
 * timer for every chunk cost more than reading it (issue #9). The one timer, when it fires before a
 * silence of `ms`, waits out the rest of it.
 */
class SilenceTimer {
  stalled = false;
  #last = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly controller: AbortController,
  ) {}

  arm(): void {
    this.#last = Date.now();
    this.#timer ??= setTimeout(this.#check, this.ms);
  }

  readonly #check = (): void => {
    const quiet = Date.now() - this.#last;
    if (quiet < this.ms) {
      this.#timer = setTimeout(this.#check, this.ms - quiet);
      return;
    }
    this.stalled = true;
    this.controller.abort();
  };

  stop(): void {
    clearTimeout(this.#timer);
  }
}

/** What a stream has said so far. */
interface StreamState {
  text: string;
  reason: string | null;
  usage: OpenAI.CompletionUsage | null | undefined;
  chunks: number;
  started: boolean;
  /** Some text has reached the sink. */
  shown: boolean;
  /** Hides `<think>` reasoning from the deltas. */
  filter: ThinkFilter;
}

function emitDelta(input: StreamInput, text: string): void {
  input.onEmit();
  input.sink({ type: 'delta', text });
}

const STREAM_USAGE = { include_usage: true } as const;

/** Usage some servers (Moonshot) put in the finish chunk's choice instead of the chunk. */
function usageInChoice(choice: OpenAI.ChatCompletionChunk.Choice | undefined): OpenAI.CompletionUsage | undefined {
  return (choice as { usage?: OpenAI.CompletionUsage } | undefined)?.usage;
}

/** One chunk into `s`, its visible text passed on; true when that was the stream's first visible text. */
function takeChunk(chunk: CompletionChunk, s: StreamState, input: StreamInput, controller: AbortController): boolean {
  const choice = chunk.choices?.[0];
  s.usage = chunk.usage ?? usageInChoice(choice) ?? s.usage;
  if (choice?.finish_reason) s.reason = choice.finish_reason;
  const delta = choice?.delta?.content;
  if (!delta) return false;
  s.chunks++;
  s.text += delta;
  // A stream that never ends resets the silence timer with every chunk: the cap ends it
  if (s.text.length > input.cap) {
    controller.abort();
    throw new OutputTooLong(tooLongMessage(input.cap));
  }
  const visible = s.filter.push(delta);
  if (!visible) return false;
  emitDelta(input, visible);
  if (s.shown) return false;
  s.shown = true;
  return true;
}

/** Reads the chunks into `s`, passing visible text on; the first words leave before the rest is read. */
async function readChunks(
  chunks: CompletionChunks,
  s: StreamState,
  input: StreamInput,
  silence: SilenceTimer,
  controller: AbortController,
): Promise<void> {
  for (let read = await chunks.next(); read; read = await chunks.next()) {
    silence.arm();
    for (const chunk of read) if (takeChunk(chunk, s, input, controller)) await nextTurn();
  }
}

/** The answer of a stream that ended: complete, or StreamBroken / BadAnswer. */
function endOfStream(s: StreamState, input: StreamInput, stalled: boolean): string {
  if (input.signal?.aborted) throw input.signal.reason;
  if (stalled) throw new StreamBroken('timeout', s.chunks);
  if (!s.reason) throw new StreamBroken('cut', s.chunks);
  const tail = s.filter.flush();
  if (tail) emitDelta(input, tail);
  const answer = finishedText(s.text, s.reason);
  input.meter?.record(s.usage, input.messages, s.text);
  return answer;
}

/** What a failed stream throws: the caller's abort reason, or a break once it had started. */
function streamFailure(error: unknown, s: StreamState, signal: AbortSignal | undefined, stalled: boolean): unknown {
  if (signal?.aborted) return signal.reason;
  if (stalled) return new StreamBroken('timeout', s.chunks, { cause: error });
  if (s.started && !(error instanceof StreamBroken) && !(error instanceof BadAnswer))
    return new StreamBroken('cut', s.chunks, { cause: error });
  return error;
}

/** One streamed call: deltas go to the sink as they come; returns the cleaned whole answer. */
export async function streamOnce(caller: ModelCaller, input: StreamInput): Promise<string> {
  const { controller, release } = linked(input.signal);
  const silence = new SilenceTimer(caller.timeoutMs, controller);
  const s: StreamState = {
    text: '',
    reason: null,
    usage: undefined,
    chunks: 0,
    started: false,
    shown: false,
    filter: new ThinkFilter(),
  };
  let chunks: CompletionChunks | undefined;
  try {
    // The SDK sends the request (retries, errors, timeout); its body is read here (sse-chunks.ts)
    const response = await caller.streamClient.chat.completions
      .create(
        // Usage is asked for, so a streamed draft charges the unit's budget what the model counted,
        // not an estimate (servers that ignore the option leave it estimated)
        { model: caller.model, messages: input.messages, stream: true, stream_options: STREAM_USAGE, ...caller.params },
        { signal: controller.signal, timeout: caller.timeoutMs, maxRetries: caller.maxRetries },
      )
      .asResponse();
    s.started = true;
    silence.arm();
    chunks = new CompletionChunks(response, caller.maxResponseBytes);
    await readChunks(chunks, s, input, silence, controller);
    chunks = undefined;
    return endOfStream(s, input, silence.stalled);
  } catch (error) {
    throw streamFailure(error, s, input.signal, silence.stalled);
  } finally {
    chunks?.cancel();
    silence.stop();
    release();
  }
}
