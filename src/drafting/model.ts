/**
 * The model drafter: any OpenAI-compatible chat completions server through the `openai` SDK
 * (OpenAI, DeepSeek, Qwen/DashScope compatible mode, Moonshot, vLLM, llama.cpp, Ollama…).
 *
 * - Explicit timeout and retries. The SDK retries 408/409/429/5xx and connection failures before
 *   a stream starts; a stream that breaks or falls silent mid-way is retried here (the sink gets a
 *   `reset` event). What still fails becomes a ZipingError (`model_rate_limited`, `model_timeout`,
 *   `model_error`) with a Chinese message, or, with `builtinFallback`, the built-in draft with a
 *   notice. A partial text is never returned as a result.
 * - Every draft is checked; a failing one is asked once to repair itself. If the repair fails
 *   too, the text is returned with `checks.ok = false` and the failing spans.
 */
import OpenAI from 'openai';
import { ZipingError } from '../core/errors.js';
import { MIN_MODEL_OUTPUT_CHARS, MODEL_DEADLINE_MS, MODEL_OUTPUT_FACTOR } from '../core/limits.js';
import { bundledPrompts } from './bundled.js';
import { appendExchange, applyQuickActions, builtinText, factsForRevision } from './builtin.js';
import { cellsToFix } from './cell-text.js';
import { checkWithFacts } from './checks.js';
import { asksToChange, droppedParts } from './kept-parts.js';
import type { CellFacts } from './context.js';
import {
  cellData,
  cleanModelText,
  draftMessages,
  repairMessages,
  reviseMessages,
  ThinkFilter,
  type WireMessage,
} from './messages.js';
import type { PromptSet } from './prompts.js';
import type { DraftChecks, Drafter, DraftRequest, DraftResult, DraftSink, ReviseRequest } from './types.js';
import type { TemplateVars } from './variables.js';
import { UsageMeter } from './usage.js';
import { prepare, templateVars } from './vars.js';

export interface ModelDrafterOptions {
  /** Default: the templates bundled from prompts/. */
  prompts?: PromptSet;
  /** The model name the server knows, e.g. `gpt-4o-mini`, `deepseek-chat`, `qwen-plus`, `qwen2.5:7b`. */
  model: string;
  /** Not needed by most local servers. */
  apiKey?: string;
  /** e.g. `https://api.deepseek.com`, `http://127.0.0.1:11434/v1`; default OpenAI's. */
  baseURL?: string;
  /** Per attempt: how long to wait for the answer to start, and the longest silence inside a stream. Default 60 000. */
  timeoutMs?: number;
  /** Retries after 429 / 5xx / timeouts / a broken stream. Default 2. */
  maxRetries?: number;
  /** A fetch implementation (tests, proxies). */
  fetch?: typeof fetch;
  /** Offer the built-in draft with a notice when the model fails for a passing reason (429, 5xx, timeout, broken stream, no connection). Default false. */
  builtinFallback?: boolean;
  /** Ask a failing draft once to repair itself. Default true. */
  repair?: boolean;
  /** Sent only when set (some models accept only their default). */
  temperature?: number;
  /** Sent as `max_tokens` only when set. */
  maxTokens?: number;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Overall time for one draft or chat turn, retries and repair included (default MODEL_DEADLINE_MS). */
  deadlineMs?: number;
  /** Largest answer in characters; default MODEL_OUTPUT_FACTOR × the cell's maxChars, at least MIN_MODEL_OUTPUT_CHARS. */
  maxOutputChars?: number;
  /** Largest response body in bytes, SSE framing and reasoning included (default MAX_MODEL_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

/** A response body larger than this is cut off: 16 MiB holds a long reasoning stream with its SSE framing. */
export const MAX_MODEL_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A stream that broke or fell silent after it started: retried, then reported. */
class StreamBroken extends Error {
  constructor(
    readonly reason: 'cut' | 'timeout',
    readonly chunks: number,
    options?: { cause?: unknown },
  ) {
    super(reason === 'cut' ? 'stream cut' : 'stream stalled', options);
  }
}

/** A model answer that is complete but unusable (empty, cut by max_tokens, filtered): not retried. */
class BadAnswer extends Error {}

/** An answer over the output cap: the stream is aborted, nothing of it is used (issue #8). */
class OutputTooLong extends BadAnswer {}

/** `error` or the first of its causes that is an OutputTooLong (the SDK may wrap a body error). */
function outputTooLong(error: unknown): OutputTooLong | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof OutputTooLong) return e;
  }
  return null;
}

/** A fetch whose response bodies error past `maxBytes`, so a 10 MB answer is never read whole. */
export function cappedFetch(inner: typeof fetch, maxBytes: number): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (!response.body) return response;
    let seen = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes)
            controller.error(new OutputTooLong(`模型回答超过${maxBytes}字节，已中止；未保存任何部分文本`));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** A signal that aborts when `signal` does or when `ms` have passed, with a model_timeout reason. */
function withDeadline(signal: AbortSignal | undefined, ms: number): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(
      new ZipingError('model_timeout', `模型在${seconds(ms)}内没有写完（含重试与修复），已中止；未保存任何部分文本`, {
        details: { drafter: 'model', deadlineMs: ms },
      }),
    );
  }, ms);
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Errors that a retry later might not have: the fallback may stand in for them. */
function isPassing(error: ZipingError): boolean {
  return error.code === 'model_rate_limited' || error.code === 'model_timeout' || error.details?.transient === true;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10}秒`;
const tooLongMessage = (cap: number) => `模型输出超过${cap}字，已中止；未保存任何部分文本`;

export function createModelDrafter(options: ModelDrafterOptions): Drafter {
  const { model } = options;
  const prompts = options.prompts ?? bundledPrompts();
  if (!model) throw new ZipingError('invalid_request', '未指定模型名称（ZIPING_MODEL）');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 2;
  const repairEnabled = options.repair ?? true;
  const deadlineMs = options.deadlineMs ?? MODEL_DEADLINE_MS;
  const client = new OpenAI({
    apiKey: options.apiKey || 'not-needed',
    baseURL: options.baseURL || undefined,
    timeout: timeoutMs,
    maxRetries,
    fetch: cappedFetch(options.fetch ?? fetch, options.maxResponseBytes ?? MAX_MODEL_RESPONSE_BYTES),
    ...(options.headers ? { defaultHeaders: options.headers } : {}),
  });
  const where = options.baseURL || 'https://api.openai.com/v1';

  function toZipingError(error: unknown, streamRetries: number): ZipingError {
    if (error instanceof ZipingError) return error;
    const base = { drafter: 'model', model };
    const tooLong = outputTooLong(error);
    if (tooLong) return new ZipingError('model_output_too_long', tooLong.message, { details: base, cause: error });
    if (error instanceof StreamBroken) {
      const tried = streamRetries ? `，已重试${streamRetries}次` : '';
      return error.reason === 'timeout'
        ? new ZipingError(
            'model_timeout',
            `模型输出中途停顿超过${seconds(timeoutMs)}${tried}，仍未写完；未保存任何部分文本`,
            { details: { ...base, retries: streamRetries }, cause: error },
          )
        : new ZipingError(
            'model_error',
            `模型输出在第${error.chunks}个片段后中断${tried}，仍未写完；未保存任何部分文本`,
            { details: { ...base, retries: streamRetries, transient: true }, cause: error },
          );
    }
    if (error instanceof BadAnswer) {
      return new ZipingError('model_error', error.message, { details: base, cause: error });
    }
    const tried = maxRetries ? `，已重试${maxRetries}次` : '';
    if (error instanceof OpenAI.APIConnectionTimeoutError) {
      return new ZipingError('model_timeout', `模型服务在${seconds(timeoutMs)}内没有响应${tried}`, {
        details: { ...base, retries: maxRetries },
        cause: error,
      });
    }
    if (error instanceof OpenAI.APIConnectionError) {
      return new ZipingError('model_error', `无法连接模型服务 ${where}${tried}：${error.message}`, {
        details: { ...base, retries: maxRetries, transient: true },
        cause: error,
      });
    }
    if (error instanceof OpenAI.APIError) {
      const status = error.status;
      const upstream = String(error.message ?? '').slice(0, 300);
      const details = { ...base, status, upstream };
      if (status === 429) {
        return new ZipingError('model_rate_limited', `模型服务限流（HTTP 429）${tried}仍被拒绝，请稍后再试`, {
          details: { ...details, retries: maxRetries },
          cause: error,
        });
      }
      if (status === 401 || status === 403) {
        return new ZipingError('model_error', `模型服务拒绝了访问（HTTP ${status}），请检查 OPENAI_API_KEY`, {
          details,
          cause: error,
        });
      }
      if (status === 404) {
        return new ZipingError(
          'model_error',
          `模型服务找不到接口或模型“${model}”（HTTP 404），请检查 OPENAI_BASE_URL 和 ZIPING_MODEL`,
          { details, cause: error },
        );
      }
      if (status !== undefined && (status >= 500 || status === 408 || status === 409)) {
        return new ZipingError('model_error', `模型服务出错（HTTP ${status}）${tried}仍失败，请稍后再试`, {
          details: { ...details, retries: maxRetries, transient: true },
          cause: error,
        });
      }
      if (status === undefined) {
        return new ZipingError('model_error', `模型服务在输出中报告错误：${upstream}`, {
          details: { ...details, transient: true },
          cause: error,
        });
      }
      return new ZipingError('model_error', `模型服务拒绝了请求（HTTP ${status}）：${upstream}`, {
        details,
        cause: error,
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ZipingError('model_error', `调用模型失败：${message}`, { details: base, cause: error });
  }

  const params = () => ({
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
  });

  function finish(text: string, reason: string | null | undefined): string {
    if (reason === 'length') throw new BadAnswer('模型输出达到长度上限（max_tokens）被截断，未保存任何部分文本');
    if (reason === 'content_filter') throw new BadAnswer('模型服务的内容过滤拦截了输出');
    const clean = cleanModelText(text);
    if (!clean) throw new BadAnswer('模型返回了空文本');
    return clean;
  }

  /** One call, linking the caller's signal; `onAbort` tells our own aborts from the caller's. */
  function linked(signal: AbortSignal | undefined): { controller: AbortController; release: () => void } {
    const controller = new AbortController();
    const abort = () => controller.abort(signal?.reason);
    if (signal?.aborted) controller.abort(signal.reason);
    signal?.addEventListener('abort', abort, { once: true });
    return { controller, release: () => signal?.removeEventListener('abort', abort) };
  }

  async function completeOnce(
    messages: WireMessage[],
    signal: AbortSignal | undefined,
    cap: number,
    meter?: UsageMeter,
  ): Promise<string> {
    const { controller, release } = linked(signal);
    try {
      const res = await client.chat.completions.create(
        { model, messages, ...params() },
        { signal: controller.signal, timeout: timeoutMs, maxRetries },
      );
      const choice = res.choices[0];
      const content = choice?.message?.content ?? '';
      if (content.length > cap) throw new OutputTooLong(tooLongMessage(cap));
      const text = finish(content, choice?.finish_reason);
      meter?.record(res.usage, messages, content);
      return text;
    } finally {
      release();
    }
  }

  async function streamOnce(
    messages: WireMessage[],
    sink: DraftSink,
    signal: AbortSignal | undefined,
    onEmit: () => void,
    cap: number,
    meter?: UsageMeter,
  ): Promise<string> {
    const { controller, release } = linked(signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stalled = false;
    let started = false;
    let chunks = 0;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        controller.abort();
      }, timeoutMs);
    };
    try {
      const stream = await client.chat.completions.create(
        { model, messages, stream: true, ...params() },
        { signal: controller.signal, timeout: timeoutMs, maxRetries },
      );
      started = true;
      arm();
      const filter = new ThinkFilter();
      let text = '';
      let reason: string | null = null;
      let usage: OpenAI.CompletionUsage | null | undefined;
      for await (const chunk of stream) {
        arm();
        usage = chunk.usage ?? usage;
        const choice = chunk.choices[0];
        const delta = choice?.delta?.content;
        if (delta) {
          chunks++;
          text += delta;
          // A stream that never ends resets the silence timer with every chunk: the cap ends it
          if (text.length > cap) {
            controller.abort();
            throw new OutputTooLong(tooLongMessage(cap));
          }
          const visible = filter.push(delta);
          if (visible) {
            onEmit();
            sink({ type: 'delta', text: visible });
          }
        }
        if (choice?.finish_reason) reason = choice.finish_reason;
      }
      if (signal?.aborted) throw signal.reason;
      if (stalled) throw new StreamBroken('timeout', chunks);
      if (!reason) throw new StreamBroken('cut', chunks);
      const tail = filter.flush();
      if (tail) {
        onEmit();
        sink({ type: 'delta', text: tail });
      }
      const answer = finish(text, reason);
      meter?.record(usage, messages, text);
      return answer;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (stalled) throw new StreamBroken('timeout', chunks, { cause: error });
      if (started && !(error instanceof StreamBroken) && !(error instanceof BadAnswer))
        throw new StreamBroken('cut', chunks, { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  /** The whole answer, streamed to `sink` if given; retries broken streams; throws ZipingError. */
  async function complete(
    messages: WireMessage[],
    sink: DraftSink | undefined,
    signal: AbortSignal | undefined,
    cap: number,
    meter?: UsageMeter,
  ): Promise<string> {
    if (!sink) {
      try {
        return await completeOnce(messages, signal, cap, meter);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw toZipingError(error, 0);
      }
    }
    let emitted = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await streamOnce(
          messages,
          sink,
          signal,
          () => {
            emitted = true;
          },
          cap,
          meter,
        );
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof StreamBroken && attempt < maxRetries) {
          if (emitted) sink({ type: 'reset', reason: 'retry' });
          emitted = false;
          continue;
        }
        if (emitted) sink({ type: 'reset', reason: 'failed' });
        throw toZipingError(error, attempt);
      }
    }
  }

  /** Repair issues for the model: numbers it wrote, fact labels (no user text), length, first person. */
  function repairIssues(checks: DraftChecks): string {
    return checks.issues
      .map((i) => `- ${i.code === 'missing_fact' ? `${i.message.split('：')[0]}（见资料块）` : i.message}`)
      .join('\n');
  }

  interface Job {
    req: DraftRequest;
    facts: CellFacts;
    vars: TemplateVars;
    messages: WireMessage[];
    promptId: string;
    promptVersion: string;
    /** The built-in result to offer when the model fails. */
    fallback: () => Omit<DraftResult, 'path' | 'promptId' | 'promptVersion'> & {
      promptId?: string;
      promptVersion?: string;
    };
    history?: DraftResult['history'];
    message?: string;
    /** Tokens of this job's calls (the unit's budget, issue #12). */
    meter: UsageMeter;
  }

  /** `run` within the overall deadline: a model that keeps talking is cut off and nothing is kept. */
  async function runBounded(
    job: Job,
    sink: DraftSink | undefined,
    signal: AbortSignal | undefined,
  ): Promise<DraftResult> {
    const bounded = withDeadline(signal, deadlineMs);
    try {
      const result = await run(job, sink, bounded.signal);
      return job.meter.usage ? { ...result, usage: job.meter.usage } : result;
    } finally {
      bounded.done();
    }
  }

  async function run(job: Job, sink: DraftSink | undefined, signal: AbortSignal | undefined): Promise<DraftResult> {
    const cap = options.maxOutputChars ?? Math.max(MIN_MODEL_OUTPUT_CHARS, MODEL_OUTPUT_FACTOR * job.facts.maxChars);
    const base = {
      path: job.req.path,
      drafter: 'model' as const,
      model,
      promptId: job.promptId,
      promptVersion: job.promptVersion,
    };
    const withHistory = (text: string) =>
      job.message !== undefined ? { history: appendExchange(job.history, job.message, text) } : {};
    let first: string;
    try {
      first = await complete(job.messages, sink, signal, cap, job.meter);
    } catch (error) {
      if (signal?.aborted || !(error instanceof ZipingError) || !options.builtinFallback || !isPassing(error))
        throw error;
      const fb = job.fallback();
      sink?.({ type: 'reset', reason: 'fallback' });
      sink?.({ type: 'delta', text: fb.text });
      return {
        path: job.req.path,
        text: fb.text,
        checks: fb.checks,
        drafter: 'builtin',
        promptId: fb.promptId ?? job.promptId,
        promptVersion: fb.promptVersion ?? job.promptVersion,
        notice: [`模型服务暂不可用（${error.message}），以下为内置起草器的草稿`, fb.notice].filter(Boolean).join('；'),
        fallback: { code: error.code, message: error.message },
        ...withHistory(fb.text),
      };
    }
    const checks = checkWithFacts(first, job.facts);
    if (checks.ok || !repairEnabled) return { ...base, text: first, checks, ...withHistory(first) };

    sink?.({ type: 'reset', reason: 'repair' });
    let second: string;
    try {
      second = await complete(
        repairMessages(job.messages, first, prompts, job.vars, repairIssues(checks)),
        sink,
        signal,
        cap,
        job.meter,
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const why = error instanceof ZipingError ? error.message : String(error);
      sink?.({ type: 'reset', reason: 'failed' });
      sink?.({ type: 'delta', text: first });
      return {
        ...base,
        text: first,
        checks,
        repaired: false,
        notice: `模型稿未通过核查，自动修复请求失败（${why}），问题已在文中标出，请人工核对`,
        ...withHistory(first),
      };
    }
    const again = checkWithFacts(second, job.facts);
    return {
      ...base,
      text: second,
      checks: again,
      repaired: again.ok,
      ...(again.ok ? {} : { notice: '模型稿两次均未通过核查，问题已在文中标出，请人工核对后再使用' }),
      ...withHistory(second),
    };
  }

  /** The cause and measure of the current text that a model revision left out, unless the user asked for it. */
  function dropped(req: ReviseRequest, text: string): string[] {
    if (req.path === 'goals.actual') return [];
    return droppedParts(req.currentText, text)
      .filter((p) => !asksToChange(req.message, p.label))
      .map((p) => p.label);
  }

  /**
   * A revision may not drop the person's cause or measure (issue #13): asked once to put it back;
   * if the model drops it again, the built-in revision of the current text is returned instead.
   */
  async function keepHumanParts(
    req: ReviseRequest,
    result: DraftResult,
    messages: WireMessage[],
    job: { facts: CellFacts; vars: TemplateVars; meter: UsageMeter },
    sink: DraftSink | undefined,
    signal: AbortSignal | undefined,
  ): Promise<DraftResult> {
    const lost = result.drafter === 'model' ? dropped(req, result.text) : [];
    if (!lost.length) return result;
    const issue = `- 修改稿删去了当前文本（<<<TEXT 中）已有的${lost.join('和')}。除非用户要求，这些内容必须保留，只能精简文字`;
    sink?.({ type: 'reset', reason: 'repair' });
    let second: string | null = null;
    const cap = options.maxOutputChars ?? Math.max(MIN_MODEL_OUTPUT_CHARS, MODEL_OUTPUT_FACTOR * job.facts.maxChars);
    const bounded = withDeadline(signal, deadlineMs);
    try {
      second = await complete(
        repairMessages(messages, result.text, prompts, job.vars, issue),
        sink,
        bounded.signal,
        cap,
        job.meter,
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
    } finally {
      bounded.done();
    }
    if (second !== null && !dropped(req, second).length) {
      const checks = checkWithFacts(second, job.facts);
      return {
        ...result,
        ...(job.meter.usage ? { usage: job.meter.usage } : {}),
        text: second,
        checks,
        repaired: true,
        history: appendExchange(req.history, req.message, second),
      };
    }
    const r = applyQuickActions(
      req.currentText,
      req.message,
      job.facts,
      job.facts.cell === 'deviation' ? job.vars.measure : undefined,
    );
    sink?.({ type: 'reset', reason: 'fallback' });
    sink?.({ type: 'delta', text: r.text });
    return {
      ...result,
      ...(job.meter.usage ? { usage: job.meter.usage } : {}),
      text: r.text,
      checks: checkWithFacts(r.text, job.facts),
      drafter: 'builtin',
      repaired: false,
      notice: [`模型的修改稿删去了原文的${lost.join('和')}，已改用内置起草器的修改结果（保留原因和措施）`, r.notice]
        .filter(Boolean)
        .join('；'),
      history: appendExchange(req.history, req.message, r.text),
    };
  }

  return {
    id: 'model',
    model,
    async draft(req: DraftRequest, sink?: DraftSink, signal?: AbortSignal): Promise<DraftResult> {
      signal?.throwIfAborted();
      const { facts, template } = prepare(req, prompts);
      // a row with cells to fix is flagged, never drafted as fact: the built-in text says which cell
      const unfit = facts.rowFacts ? cellsToFix(facts.rowFacts.indicator, facts.rowFacts.result).length > 0 : false;
      if (!facts.needsText || unfit) {
        const { text, notice, facts: f } = builtinText(req, prompts);
        sink?.({ type: 'delta', text });
        return {
          path: req.path,
          text,
          checks: checkWithFacts(text, f),
          drafter: 'builtin',
          promptId: template.id,
          promptVersion: template.version,
          ...(notice ? { notice } : {}),
        };
      }
      const vars = templateVars(req.form, req.report, facts, template);
      const messages = draftMessages(prompts, template, cellData(req.form, req.report, facts, vars), vars);
      return runBounded(
        {
          req,
          facts,
          vars,
          messages,
          promptId: template.id,
          promptVersion: template.version,
          fallback: () => {
            const b = builtinText(req, prompts);
            return { text: b.text, checks: checkWithFacts(b.text, b.facts), drafter: 'builtin', notice: b.notice };
          },
          meter: new UsageMeter(),
        },
        sink,
        signal,
      );
    },
    async revise(req: ReviseRequest, sink?: DraftSink, signal?: AbortSignal): Promise<DraftResult> {
      signal?.throwIfAborted();
      if (!req.message?.trim()) throw new ZipingError('invalid_request', '修改要求不能为空');
      const prepared = prepare(req, prompts);
      const facts = factsForRevision(prepared.facts, req.message, req.history);
      const vars = templateVars(req.form, req.report, facts, prepared.template);
      const data = cellData(req.form, req.report, facts, vars);
      const messages = reviseMessages(
        prompts,
        prepared.template,
        data,
        vars,
        req.currentText,
        req.message,
        req.history ?? [],
      );
      const meter = new UsageMeter();
      const result = await runBounded(
        {
          req,
          facts,
          vars,
          messages,
          promptId: prompts.revise.id,
          promptVersion: prompts.revise.version,
          history: req.history,
          message: req.message,
          fallback: () => {
            const r = applyQuickActions(
              req.currentText,
              req.message,
              facts,
              facts.cell === 'deviation' ? vars.measure : undefined,
            );
            return { text: r.text, checks: checkWithFacts(r.text, facts), drafter: 'builtin', notice: r.notice };
          },
          meter,
        },
        sink,
        signal,
      );
      return keepHumanParts(req, result, messages, { facts, vars, meter }, sink, signal);
    },
  };
}
