/**
 * Quotas on drafting and chat (issue #12), applied by one middleware to every route whose policy
 * records `draft` (policy.ts): a fixed-window rate per user and per unit, and a daily budget of model
 * tokens per unit. The route drafts with `c.get('drafter')`, a drafter that checks the budget before
 * each cell and charges what the model used after it (a batch stops at the budget cell by cell).
 * Import help and the 自评报告's prose call the model too: on routes recording `import` or `export`
 * the route gets a metered text model (each call takes from the rate and the unit's budget).
 */
import type { MiddlewareHandler } from 'hono';
import type { Actor } from '../core/access/actor.js';
import { budgetExhausted, quotaKeys, rateLimited } from '../core/quotas/quota-rules.js';
import { budgetDay, estimateTokens, fixedWindow } from '../core/quotas/windows.js';
import type { TextModel } from '../drafting/text-model.js';
import type { Drafter, DraftRequest, DraftResult, ReviseRequest } from '../drafting/types.js';
import type { QuotaCounters } from '../store/quota-counters.js';
import { matchedPolicy } from './access/matched-policy.js';
import type { AppEnv } from './app-env.js';
import type { QuotaSettings } from './quota-settings.js';

export interface QuotaParts {
  counters: QuotaCounters;
  settings: QuotaSettings;
  clock: () => Date;
}

/** Takes one request from the user's and the unit's window, or throws `rate_limited` (nothing taken). */
async function takeRate(parts: QuotaParts, actor: Actor): Promise<void> {
  const { counters, settings } = parts;
  const now = parts.clock();
  const window = fixedWindow(now, settings.rateWindowSeconds);
  const keys = quotaKeys(actor);
  const limits = [
    { scope: 'user' as const, key: keys.user, limit: settings.ratePerUser },
    { scope: 'unit' as const, key: keys.unit, limit: settings.ratePerUnit },
  ].filter((l) => l.limit > 0);
  const taken: string[] = [];
  for (const { scope, key, limit } of limits) {
    if ((await counters.add(key, window.id, 1, limit)) === null) {
      // Give back what this request took from the other window: a refused request costs nothing
      for (const k of taken) await counters.add(k, window.id, -1);
      throw rateLimited(scope, limit, settings.rateWindowSeconds, now, window);
    }
    taken.push(key);
  }
}

/** Throws `budget_exhausted` when the actor's unit has used its tokens of the day. */
async function checkBudget(parts: QuotaParts, actor: Actor): Promise<void> {
  const budget = parts.settings.tokenBudgetPerUnit;
  if (budget <= 0) return;
  const now = parts.clock();
  const day = budgetDay(now);
  const used = await parts.counters.peek(quotaKeys(actor).budget, day.id);
  if (used >= budget) throw budgetExhausted(budget, used, now, day);
}

/** Adds `tokens` to the unit's count of the day. */
async function chargeBudget(parts: QuotaParts, actor: Actor, tokens: number): Promise<void> {
  if (tokens <= 0 || parts.settings.tokenBudgetPerUnit <= 0) return;
  await parts.counters.add(quotaKeys(actor).budget, budgetDay(parts.clock()).id, tokens);
}

/**
 * The model tokens a result cost: the usage the model reported, else an estimate from the characters
 * sent and received; the built-in drafter costs none.
 */
export function tokensOf(result: DraftResult, request: DraftRequest | ReviseRequest): number {
  if (result.usage) return result.usage.totalTokens;
  if (result.drafter !== 'model') return 0;
  const revise = request as Partial<ReviseRequest>;
  const sent = JSON.stringify(request.form).length + (revise.currentText?.length ?? 0) + (revise.message?.length ?? 0);
  return estimateTokens(sent + result.text.length);
}

/**
 * `inner`, checking the budget before each call and charging its tokens after; the first call skips
 * its check (the middleware's came just before, with nothing charged since).
 */
function meteredDrafter(inner: Drafter, parts: QuotaParts, actor: Actor): Drafter {
  let checked = true;
  const metered = async <R extends DraftRequest>(request: R, call: (r: R) => Promise<DraftResult>) => {
    // One counter read less before the model request (a database round trip on PostgreSQL or D1)
    if (checked) checked = false;
    else await checkBudget(parts, actor);
    const result = await call(request);
    await chargeBudget(parts, actor, tokensOf(result, request));
    return result;
  };
  return {
    id: inner.id,
    ...(inner.model ? { model: inner.model } : {}),
    draft: (request, sink, signal) => metered(request, (r) => inner.draft(r, sink, signal)),
    revise: (request, sink, signal) => metered(request, (r) => inner.revise(r, sink, signal)),
  };
}

/**
 * `inner` for one request: its first call takes one request from the rate (an export's sections are
 * one request), every call checks the unit's budget before and charges it after.
 */
export function meteredTextModel(inner: TextModel, parts: QuotaParts, actor: Actor): TextModel {
  let rateTaken = false;
  return {
    model: inner.model,
    async complete(messages, options) {
      await checkBudget(parts, actor);
      if (!rateTaken) await takeRate(parts, actor);
      rateTaken = true;
      const answer = await inner.complete(messages, options);
      const sent = messages.reduce((sum, m) => sum + m.content.length, 0);
      await chargeBudget(parts, actor, estimateTokens(sent + answer.length));
      return answer;
    },
  };
}

/** Routes whose model calls (import help, report prose) go through the metered text model. */
const TEXT_MODEL_ACTIONS: ReadonlySet<string> = new Set(['import', 'export']);

/**
 * The quota middleware: rate and budget before a `draft` route, and its metered drafter; a metered
 * text model for the import and export routes (charged only when the model is actually called).
 */
export function quotas(parts: QuotaParts, drafter: Drafter, textModel: TextModel | null): MiddlewareHandler<AppEnv> {
  const beforeDraft: MiddlewareHandler<AppEnv> = async (c, next) => {
    const actor = c.get('actor');
    await checkBudget(parts, actor);
    await takeRate(parts, actor);
    c.set('drafter', meteredDrafter(drafter, parts, actor));
    await next();
  };
  // Not async: every other route gets next()'s promise as is, without a promise of its own (issue #9)
  return function quotas(c, next) {
    const action = matchedPolicy(c)?.audit;
    if (textModel && action && TEXT_MODEL_ACTIONS.has(action)) {
      c.set('textModel', meteredTextModel(textModel, parts, c.get('actor')));
      return next();
    }
    return action === 'draft' ? beforeDraft(c, next) : next();
  };
}
