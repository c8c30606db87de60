/**
 * The model drafter: any OpenAI-compatible chat completions server through the `openai` SDK
 * (OpenAI, DeepSeek, Qwen/DashScope compatible mode, Moonshot, vLLM, llama.cpp, Ollama…).
 *
 * - Explicit timeout and retries (model-client.ts, model-retry.ts). What still fails becomes a
 *   ZipingError (`model_rate_limited`, `model_timeout`, `model_error`) with a Chinese message, or,
 *   with `builtinFallback`, the built-in draft with a notice. A partial text is never returned.
 * - Every draft is checked; a failing one is asked once to repair itself (model-run.ts). If the
 *   repair fails too, the text is returned with `checks.ok = false` and the failing spans.
 * - A revision keeps the person's cause and measure (model-revise.ts).
 */
import { MODEL_DEADLINE_MS } from '../core/limits.js';
import { ZipingError } from '../core/errors.js';
import { bundledPrompts } from './bundled.js';
import { applyQuickActions, builtinDraftResult, builtinText, factsForRevision } from './builtin.js';
import { cellsToFix } from './cell-text.js';
import { checkWithFacts } from './checks.js';
import { cellData, draftMessages, reviseMessages } from './messages.js';
import { createCaller, type ModelDrafterOptions } from './model-client.js';
import { keepHumanParts } from './model-revise.js';
import { runBounded, type FallbackResult, type RunContext } from './model-run.js';
import type { PromptSet } from './prompts.js';
import type { Drafter, DraftRequest, DraftSink, ReviseRequest } from './types.js';
import { UsageMeter } from './usage.js';
import { prepare, templateVars } from './vars.js';

export { cappedFetch, MAX_MODEL_RESPONSE_BYTES, type ModelDrafterOptions } from './model-client.js';

/** The built-in draft offered when the model fails. */
function builtinFallback(req: DraftRequest, prompts: PromptSet): FallbackResult {
  const b = builtinText(req, prompts);
  return { text: b.text, checks: checkWithFacts(b.text, b.facts), drafter: 'builtin', notice: b.notice };
}

/** Drafts one cell with the model (the built-in text where no model text is wanted). */
async function draftCell(ctx: RunContext, req: DraftRequest, sink?: DraftSink, signal?: AbortSignal) {
  signal?.throwIfAborted();
  const { prompts } = ctx;
  const { facts, template } = prepare(req, prompts);
  // a row with cells to fix is flagged, never drafted as fact: the built-in text says which cell
  const unfit = facts.rowFacts ? cellsToFix(facts.rowFacts.indicator, facts.rowFacts.result).length > 0 : false;
  if (!facts.needsText || unfit) return builtinDraftResult(req, prompts, (text) => sink?.({ type: 'delta', text }));
  const vars = templateVars(req.form, req.report, facts, template);
  const messages = draftMessages(prompts, template, cellData(req.form, req.report, facts, vars), vars);
  const job = {
    req,
    facts,
    vars,
    messages,
    promptId: template.id,
    promptVersion: template.version,
    fallback: () => builtinFallback(req, prompts),
    meter: new UsageMeter(),
  };
  return runBounded(ctx, job, sink, signal);
}

/** Revises one cell's current text as the user asks, keeping what the person wrote. */
async function reviseCell(ctx: RunContext, req: ReviseRequest, sink?: DraftSink, signal?: AbortSignal) {
  signal?.throwIfAborted();
  if (!req.message?.trim()) throw new ZipingError('invalid_request', '修改要求不能为空');
  const { prompts } = ctx;
  const prepared = prepare(req, prompts);
  const facts = factsForRevision(prepared.facts, req.message, req.history);
  const vars = templateVars(req.form, req.report, facts, prepared.template);
  const data = cellData(req.form, req.report, facts, vars);
  const history = req.history ?? [];
  const messages = reviseMessages(prompts, prepared.template, data, vars, req.currentText, req.message, history);
  const measure = facts.cell === 'deviation' ? vars.measure : undefined;
  const fallback = (): FallbackResult => {
    const r = applyQuickActions(req.currentText, req.message, facts, measure);
    return { text: r.text, checks: checkWithFacts(r.text, facts), drafter: 'builtin', notice: r.notice };
  };
  const meter = new UsageMeter();
  const { id: promptId, version: promptVersion } = prompts.revise;
  const job = { req, facts, vars, messages, promptId, promptVersion, history: req.history, message: req.message };
  const result = await runBounded(ctx, { ...job, fallback, meter }, sink, signal);
  return keepHumanParts(ctx, req, result, { messages, facts, vars, meter }, sink, signal);
}

/** A drafter that writes with the model the options name. Throws invalid_request without a model name. */
export function createModelDrafter(options: ModelDrafterOptions): Drafter {
  const prompts = options.prompts ?? bundledPrompts();
  const caller = createCaller(options);
  const ctx: RunContext = {
    caller,
    prompts,
    repair: options.repair ?? true,
    builtinFallback: options.builtinFallback ?? false,
    deadlineMs: options.deadlineMs ?? MODEL_DEADLINE_MS,
    ...(options.maxOutputChars !== undefined ? { maxOutputChars: options.maxOutputChars } : {}),
  };
  return {
    id: 'model',
    model: caller.model,
    draft: (req, sink, signal) => draftCell(ctx, req, sink, signal),
    revise: (req, sink, signal) => reviseCell(ctx, req, sink, signal),
  };
}
