/**
 * A model revision may not drop the person's cause or measure (issue #13): asked once to put it
 * back; if the model drops it again, the built-in revision of the current text is returned instead.
 */
import { appendExchange, applyQuickActions } from './builtin.js';
import { checkWithFacts } from './checks.js';
import type { CellFacts } from './context.js';
import { asksToChange, droppedParts } from './kept-parts.js';
import { outputCap } from './model-answer.js';
import { complete } from './model-retry.js';
import type { RunContext } from './model-run.js';
import { repairMessages, type WireMessage } from './messages.js';
import { withDeadline } from './signals.js';
import type { DraftResult, DraftSink, ReviseRequest } from './types.js';
import type { UsageMeter } from './usage.js';
import type { TemplateVars } from './variables.js';

/** The revision job's parts the second request reuses. */
export interface RevisionJob {
  messages: WireMessage[];
  facts: CellFacts;
  vars: TemplateVars;
  meter: UsageMeter;
}

/** The cause and measure of the current text that `text` left out, unless the user asked for it. */
function dropped(req: ReviseRequest, text: string): string[] {
  if (req.path === 'goals.actual') return [];
  return droppedParts(req.currentText, text)
    .filter((p) => !asksToChange(req.message, p.label))
    .map((p) => p.label);
}

/** The model's second try with what it dropped named, within its own deadline; null if it failed. */
async function askToKeep(
  ctx: RunContext,
  text: string,
  lost: string[],
  job: RevisionJob,
  sink: DraftSink | undefined,
  signal: AbortSignal | undefined,
): Promise<string | null> {
  const issue = `- 修改稿删去了当前文本（<<<TEXT 中）已有的${lost.join('和')}。除非用户要求，这些内容必须保留，只能精简文字`;
  const messages = repairMessages(job.messages, text, ctx.prompts, job.vars, issue);
  const bounded = withDeadline(signal, ctx.deadlineMs);
  try {
    const cap = outputCap(ctx.maxOutputChars, job.facts.maxChars);
    return await complete(ctx.caller, { messages, sink, signal: bounded.signal, cap, meter: job.meter });
  } catch {
    if (signal?.aborted) throw signal.reason;
    return null;
  } finally {
    bounded.done();
  }
}

/** The built-in revision of the current text, which keeps the cause and measure. */
function builtinRevision(req: ReviseRequest, result: DraftResult, lost: string[], job: RevisionJob): DraftResult {
  const { facts } = job;
  const r = applyQuickActions(
    req.currentText,
    req.message,
    facts,
    facts.cell === 'deviation' ? job.vars.measure : undefined,
  );
  const why = `模型的修改稿删去了原文的${lost.join('和')}，已改用内置起草器的修改结果（保留原因和措施）`;
  return {
    ...result,
    ...(job.meter.usage ? { usage: job.meter.usage } : {}),
    text: r.text,
    checks: checkWithFacts(r.text, facts),
    drafter: 'builtin',
    repaired: false,
    notice: [why, r.notice].filter(Boolean).join('；'),
    history: appendExchange(req.history, req.message, r.text),
  };
}

/** `result`, or a revision that keeps what the person wrote (see the file's comment). */
export async function keepHumanParts(
  ctx: RunContext,
  req: ReviseRequest,
  result: DraftResult,
  job: RevisionJob,
  sink: DraftSink | undefined,
  signal: AbortSignal | undefined,
): Promise<DraftResult> {
  const lost = result.drafter === 'model' ? dropped(req, result.text) : [];
  if (!lost.length) return result;
  sink?.({ type: 'reset', reason: 'repair' });
  const second = await askToKeep(ctx, result.text, lost, job, sink, signal);
  if (second === null || dropped(req, second).length) {
    const fallback = builtinRevision(req, result, lost, job);
    sink?.({ type: 'reset', reason: 'fallback' });
    sink?.({ type: 'delta', text: fallback.text });
    return fallback;
  }
  return {
    ...result,
    ...(job.meter.usage ? { usage: job.meter.usage } : {}),
    text: second,
    checks: checkWithFacts(second, job.facts),
    repaired: true,
    history: appendExchange(req.history, req.message, second),
  };
}
