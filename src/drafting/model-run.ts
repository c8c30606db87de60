/**
 * One job of the model drafter (a draft or a chat turn) from its messages to its result: the call
 * within the overall deadline, the built-in fallback when the model fails for a passing reason,
 * the checks, and one repair request when they fail. A partial text is never returned.
 */
import { ZipingError } from '../core/errors.js';
import { appendExchange } from './builtin.js';
import { checkWithFacts } from './checks.js';
import type { CellFacts } from './context.js';
import { outputCap } from './model-answer.js';
import type { ModelCaller } from './model-client.js';
import { complete } from './model-retry.js';
import { repairMessages, type WireMessage } from './messages.js';
import type { PromptSet } from './prompts.js';
import { withDeadline } from './signals.js';
import type { DraftChecks, DraftRequest, DraftResult, DraftSink } from './types.js';
import type { UsageMeter } from './usage.js';
import type { TemplateVars } from './variables.js';

/** What every job of one model drafter shares. */
export interface RunContext {
  caller: ModelCaller;
  prompts: PromptSet;
  /** Ask a failing draft once to repair itself. */
  repair: boolean;
  /** Offer the built-in draft when the model fails for a passing reason. */
  builtinFallback: boolean;
  deadlineMs: number;
  /** Configured answer cap in characters (else from the cell's limit). */
  maxOutputChars?: number;
}

/** The built-in result a job offers when the model fails. */
export type FallbackResult = Omit<DraftResult, 'path' | 'promptId' | 'promptVersion'> & {
  promptId?: string;
  promptVersion?: string;
};

export interface Job {
  req: DraftRequest;
  facts: CellFacts;
  vars: TemplateVars;
  messages: WireMessage[];
  promptId: string;
  promptVersion: string;
  /** The built-in result to offer when the model fails. */
  fallback: () => FallbackResult;
  history?: DraftResult['history'];
  message?: string;
  /** Tokens of this job's calls (the unit's budget, issue #12). */
  meter: UsageMeter;
}

interface Call {
  sink: DraftSink | undefined;
  signal: AbortSignal | undefined;
  cap: number;
}

/** Errors that a retry later might not have: the fallback may stand in for them. */
function isPassing(error: ZipingError): boolean {
  return error.code === 'model_rate_limited' || error.code === 'model_timeout' || error.details?.transient === true;
}

/** Repair issues for the model: numbers it wrote, fact labels (no user text), length, first person. */
function repairIssues(checks: DraftChecks): string {
  return checks.issues
    .map((i) => `- ${i.code === 'missing_fact' ? `${i.message.split('：')[0]}（见资料块）` : i.message}`)
    .join('\n');
}

/** A chat turn's result carries the chat with this exchange added. */
function withHistory(job: Job, text: string): Pick<DraftResult, 'history'> {
  return job.message !== undefined ? { history: appendExchange(job.history, job.message, text) } : {};
}

function modelResult(ctx: RunContext, job: Job) {
  const { path } = job.req;
  return {
    path,
    drafter: 'model' as const,
    model: ctx.caller.model,
    promptId: job.promptId,
    promptVersion: job.promptVersion,
  };
}

/** The built-in draft in place of a model that failed with `error`, said so in the notice. */
function fallbackResult(job: Job, error: ZipingError, sink: DraftSink | undefined): DraftResult {
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
    ...withHistory(job, fb.text),
  };
}

/** Asks once to fix a draft that failed its checks; a failed request returns the first draft, marked. */
async function repairDraft(ctx: RunContext, job: Job, first: string, checks: DraftChecks, call: Call) {
  const { sink, signal } = call;
  sink?.({ type: 'reset', reason: 'repair' });
  const messages = repairMessages(job.messages, first, ctx.prompts, job.vars, repairIssues(checks));
  let second: string;
  try {
    second = await complete(ctx.caller, { ...call, messages, meter: job.meter });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const why = error instanceof ZipingError ? error.message : String(error);
    sink?.({ type: 'reset', reason: 'failed' });
    sink?.({ type: 'delta', text: first });
    const notice = `模型稿未通过核查，自动修复请求失败（${why}），问题已在文中标出，请人工核对`;
    return { ...modelResult(ctx, job), text: first, checks, repaired: false, notice, ...withHistory(job, first) };
  }
  const again = checkWithFacts(second, job.facts);
  return {
    ...modelResult(ctx, job),
    text: second,
    checks: again,
    repaired: again.ok,
    ...(again.ok ? {} : { notice: '模型稿两次均未通过核查，问题已在文中标出，请人工核对后再使用' }),
    ...withHistory(job, second),
  };
}

/** The first answer, or the built-in draft in its place when the fallback is on and the failure passing. */
async function firstAnswer(ctx: RunContext, job: Job, call: Call): Promise<string | DraftResult> {
  try {
    return await complete(ctx.caller, { ...call, messages: job.messages, meter: job.meter });
  } catch (error) {
    if (call.signal?.aborted || !(error instanceof ZipingError) || !ctx.builtinFallback || !isPassing(error))
      throw error;
    return fallbackResult(job, error, call.sink);
  }
}

async function run(ctx: RunContext, job: Job, sink: DraftSink | undefined, signal: AbortSignal | undefined) {
  const call = { sink, signal, cap: outputCap(ctx.maxOutputChars, job.facts.maxChars) };
  const first = await firstAnswer(ctx, job, call);
  if (typeof first !== 'string') return first;
  const checks = checkWithFacts(first, job.facts);
  if (checks.ok || !ctx.repair) return { ...modelResult(ctx, job), text: first, checks, ...withHistory(job, first) };
  return repairDraft(ctx, job, first, checks, call);
}

/** The job within the overall deadline: a model that keeps talking is cut off and nothing is kept. */
export async function runBounded(
  ctx: RunContext,
  job: Job,
  sink: DraftSink | undefined,
  signal: AbortSignal | undefined,
): Promise<DraftResult> {
  const bounded = withDeadline(signal, ctx.deadlineMs);
  try {
    const result: DraftResult = await run(ctx, job, sink, bounded.signal);
    return job.meter.usage ? { ...result, usage: job.meter.usage } : result;
  } finally {
    bounded.done();
  }
}
