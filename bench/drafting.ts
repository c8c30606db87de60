/**
 * Drafting benchmarks against the loopback model server (tests/support/openai-server.ts):
 *
 * 1. Time to first streamed token through the service (HTTP, SSE, the store, the model drafter;
 *    the service on its own thread) and through the drafter alone, each as a ratio to the same
 *    request made straight with the openai SDK, against a model that takes 50 ms to its first token.
 *    The three ways run in turn, their order rotated each round, so none always follows the same other.
 *    The straight call sends what the drafter sends (its messages, usage asked for) but parses the
 *    stream with the SDK's Stream; the drafter reads the body with src/drafting/sse-chunks.ts.
 *    Measured in two layouts, each printed:
 *    - model apart (the headline): the model on a thread of its own, as a deployed model runs apart
 *      from its clients. Every way pays the same client↔model hop across threads: the SDK call and the
 *      drafter from the main thread, the service from its thread.
 *    - model with the client (the layout before): the model on the main thread with the client, so
 *      the straight SDK call and the drafter reach it without leaving their thread while the
 *      service's model request crosses to it and back (two thread hops the others never pay).
 * 2. A batch of 100 cells against a model that takes 200 ms per answer, as a ratio to the ideal
 *    for the configured concurrency: ceil(100 / concurrency) × 200 ms (model on the main thread).
 *
 *   node bin/run-ts.js bench/drafting.ts [--concurrency 8]
 */
import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import {
  parseForm,
  scoreForm,
  type Form,
  type FormInput,
  type NarrativePath,
  type ScoreReport,
} from '../src/core/index.js';
import {
  bundledPrompts,
  cellsNeedingText,
  createBuiltinDrafter,
  createModelDrafter,
  draftMany,
  type DraftRequest,
  type PromptSet,
} from '../src/drafting/index.js';
import { startOpenAIServer, type ChatRequestBody } from '../tests/support/openai-server.js';
import { benchReply, startModelThread } from './model-thread.js';
import { startServiceThread } from './service-thread.js';
import { report } from './measure.js';

/** The loopback model's time to its first token in the first-token figures. */
export const FIRST_TOKEN_MS = 50;

/** The cell drafted again and again for the first-token figures. */
export const FIRST_TOKEN_CELL: NarrativePath = 'indicators.4.deviation';

/** The middle value of `xs` (the upper one of an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface DraftingBenchOptions {
  /** Cells drafted at once in the batch (default 8). */
  concurrency?: number;
  /** Streamed drafts timed for the first-token ratio (default 30). */
  rounds?: number;
  /** Cells in the batch (default 100). */
  cells?: number;
  /** The model's time per answer in the batch (default 200 ms). */
  modelMs?: number;
}

/** Medians of the three ways to the first token, and their ratios to the straight SDK call. */
export interface FirstTokenFigures {
  drafterMs: number;
  directMs: number;
  ratio: number;
  serviceMs: number;
  serviceRatio: number;
}

export interface DraftingBenchResult {
  /** The model on its own thread (the headline figure). */
  firstToken: FirstTokenFigures;
  /** The model on the main thread with the client (the layout before). */
  firstTokenModelWithClient: FirstTokenFigures;
  batch: {
    cells: number;
    concurrency: number;
    modelMs: number;
    elapsedMs: number;
    idealMs: number;
    ratio: number;
    failed: number;
  };
}

/** The seed form scored, and a passing text per cell for the loopback model to answer with. */
export interface BenchSetup {
  input: FormInput;
  form: Form;
  report: ScoreReport;
  prompts: PromptSet;
  paths: NarrativePath[];
  /** The answer per cell path, as the bench model (benchReply) takes it. */
  texts: Record<string, string>;
}

export async function benchSetup(): Promise<BenchSetup> {
  const input = JSON.parse(
    readFileSync(new URL('../../shared/seed/baai-2022.json', import.meta.url), 'utf8'),
  ) as FormInput;
  const form = parseForm(input);
  const report = scoreForm(form);
  const prompts = bundledPrompts();
  const paths = cellsNeedingText(form, report);
  // the model answers each cell with text that passes the checks, so no repair call is made
  const builtin = createBuiltinDrafter({ prompts });
  const texts: Record<string, string> = {};
  for (const path of paths) texts[path] = (await builtin.draft({ form, report, path })).text;
  return { input, form, report, prompts, paths, texts };
}

/** Milliseconds from a call to its first streamed text. */
type Timed = () => Promise<number>;

/** The service's environment for the benchmarks: drafting with the loopback model at `baseURL`, no retries. */
export function benchServiceEnv(baseURL: string): Record<string, string> {
  return {
    ZIPING_MODEL: 'bench',
    OPENAI_BASE_URL: baseURL,
    OPENAI_API_KEY: 'not-needed',
    ZIPING_MODEL_RETRIES: '0',
    // the rate is still counted, but 35+ drafts a minute must not turn into 429s (30 a minute by default)
    ZIPING_RATE_PER_USER: '1000000',
    ZIPING_RATE_PER_UNIT: '1000000',
    // ZIPING_MODEL_FETCH=global measures the service with undici's fetch, as before src/entry/node-fetch.ts
    ...(process.env.ZIPING_MODEL_FETCH ? { ZIPING_MODEL_FETCH: process.env.ZIPING_MODEL_FETCH } : {}),
  };
}

/**
 * The Node service on loopback, drafting with the loopback model, with the seed form stored. It runs
 * on its own thread, as a deployed service runs apart from its clients and its model: otherwise its
 * work after sending the model request would hold up the model server's reply on the shared loop.
 */
async function startBenchService(setup: BenchSetup, baseURL: string) {
  const service = await startServiceThread(benchServiceEnv(baseURL), setup.input);
  return { draftsURL: `${service.url}/api/forms/${service.formId}/drafts`, close: service.close };
}

/** The first-token time through the real HTTP service: POST …/drafts with Accept: text/event-stream. */
async function serviceTimer(setup: BenchSetup, baseURL: string, path: NarrativePath) {
  const { draftsURL, close } = await startBenchService(setup, baseURL);
  const timed: Timed = async () => {
    const start = performance.now();
    const res = await fetch(draftsURL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ field: path }),
    });
    if (res.status !== 200) throw new Error(`draft through the service answered ${res.status}: ${await res.text()}`);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    let at = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += decoder.decode(value, { stream: true });
      if (!at && seen.includes('event: delta')) at = performance.now();
    }
    if (!at) throw new Error(`no delta streamed by the service: ${seen.slice(0, 300)}`);
    return at - start;
  };
  return { timed, close };
}

/** A loopback model as the first-token figures use it: where it is, and the last request it received. */
interface BenchModel {
  baseURL: string;
  lastRequest: () => Promise<ChatRequestBody | null>;
}

/**
 * Medians of the three ways to the first token, alternated so all three see the same machine state;
 * the order rotates each round, so the baseline does not always follow a service round whose
 * threads may still be busy.
 */
async function firstTokenBench(setup: BenchSetup, model: BenchModel, rounds: number): Promise<FirstTokenFigures> {
  const { form, report, prompts } = setup;
  const drafter = createModelDrafter({ prompts, model: 'bench', baseURL: model.baseURL, maxRetries: 0 });
  const client = new OpenAI({ baseURL: model.baseURL, apiKey: 'not-needed', maxRetries: 0 });
  const req: DraftRequest = { form, report, path: FIRST_TOKEN_CELL };
  await drafter.draft(req, () => {});
  // the direct call sends exactly what the drafter sent: its messages, with usage asked for
  const messages = (await model.lastRequest())!.messages as OpenAI.ChatCompletionMessageParam[];
  const viaDrafter: Timed = async () => {
    const start = performance.now();
    let at = 0;
    await drafter.draft(req, (e) => {
      if (!at && e.type === 'delta') at = performance.now();
    });
    return at - start;
  };
  const direct: Timed = async () => {
    const start = performance.now();
    let at = 0;
    const stream = await client.chat.completions.create({
      model: 'bench',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) if (!at && chunk.choices[0]?.delta?.content) at = performance.now();
    return at - start;
  };
  const service = await serviceTimer(setup, model.baseURL, req.path);
  const ways = [viaDrafter, service.timed, direct];
  for (let i = 0; i < 5; i++) for (const way of ways) await way();
  const samples: number[][] = ways.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < ways.length; j++) {
      const k = (i + j) % ways.length;
      samples[k]!.push(await ways[k]!());
    }
  }
  await service.close();
  const [drafterMs, serviceMs, directMs] = samples.map(median) as [number, number, number];
  return { drafterMs, directMs, ratio: drafterMs / directMs, serviceMs, serviceRatio: serviceMs / directMs };
}

/**
 * A batch of `cells` against a model that takes `modelMs` per answer (on the main thread), against
 * the ideal for the concurrency.
 */
async function batchBench(setup: BenchSetup, cells: number, concurrency: number, modelMs: number) {
  const { form, report, prompts, paths } = setup;
  const requests: DraftRequest[] = Array.from({ length: cells }, (_, i) => ({
    form,
    report,
    path: paths[i % paths.length]!,
  }));
  const server = await startOpenAIServer({ defaultReply: benchReply(setup.texts, modelMs) });
  const drafter = createModelDrafter({
    prompts,
    model: 'bench',
    baseURL: server.baseURL,
    maxRetries: 0,
    timeoutMs: 30_000,
  });
  try {
    const start = performance.now();
    const items = await draftMany(drafter, requests, { concurrency });
    const elapsedMs = performance.now() - start;
    const idealMs = Math.ceil(cells / concurrency) * modelMs;
    const failed = items.filter((i) => !i.ok).length;
    return { cells, concurrency, modelMs, elapsedMs, idealMs, ratio: elapsedMs / idealMs, failed };
  } finally {
    await server.close();
  }
}

/** The first-token figures with the loopback model on a thread of its own. */
async function firstTokenModelApart(setup: BenchSetup, rounds: number): Promise<FirstTokenFigures> {
  const model = await startModelThread(setup.texts, FIRST_TOKEN_MS);
  try {
    return await firstTokenBench(setup, model, rounds);
  } finally {
    await model.close();
  }
}

/** The first-token figures with the loopback model on the main thread with the client. */
async function firstTokenModelWithClient(setup: BenchSetup, rounds: number): Promise<FirstTokenFigures> {
  // A model takes time to its first token (50 ms here), so the service's own overhead is measured against that
  const server = await startOpenAIServer({ defaultReply: benchReply(setup.texts, FIRST_TOKEN_MS) });
  try {
    const lastRequest = async () => server.requests.at(-1)?.body ?? null;
    return await firstTokenBench(setup, { baseURL: server.baseURL, lastRequest }, rounds);
  } finally {
    await server.close();
  }
}

export async function runDraftingBench(options: DraftingBenchOptions = {}): Promise<DraftingBenchResult> {
  const setup = await benchSetup();
  const rounds = options.rounds ?? 30;
  const firstToken = await firstTokenModelApart(setup, rounds);
  const withClient = await firstTokenModelWithClient(setup, rounds);
  const batch = await batchBench(setup, options.cells ?? 100, options.concurrency ?? 8, options.modelMs ?? 200);
  return { firstToken, firstTokenModelWithClient: withClient, batch };
}

/** Prints the first-token ratios of one layout. */
function reportFirstToken(f: FirstTokenFigures, layout: string): void {
  report(
    `${layout}: service (HTTP SSE) / straight SDK`,
    f.serviceRatio,
    `${f.serviceMs.toFixed(2)} ms vs ${f.directMs.toFixed(2)} ms, median`,
  );
  report(
    `${layout}: drafter / straight SDK`,
    f.ratio,
    `${f.drafterMs.toFixed(2)} ms vs ${f.directMs.toFixed(2)} ms, median`,
  );
}

/** Runs the drafting benchmark and prints its ratios. */
export async function printDraftingBench(options: DraftingBenchOptions = {}): Promise<DraftingBenchResult> {
  const r = await runDraftingBench(options);
  reportFirstToken(r.firstToken, 'first streamed token');
  reportFirstToken(r.firstTokenModelWithClient, 'model with the client');
  report(
    `${r.batch.cells} cells at ${r.batch.modelMs} ms each, concurrency ${r.batch.concurrency} / ideal`,
    r.batch.ratio,
    `${Math.round(r.batch.elapsedMs)} ms vs ideal ${r.batch.idealMs} ms; ${r.batch.failed} failed`,
  );
  return r;
}

if (process.argv[1] && /bench[\\/]drafting\.ts$/.test(process.argv[1])) {
  const at = process.argv.indexOf('--concurrency');
  const concurrency = at > 0 ? Number(process.argv[at + 1]) : undefined;
  console.log('## drafting');
  await printDraftingBench({ concurrency });
}
