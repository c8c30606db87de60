/**
 * Where the time to the first streamed token goes (issue #9): one streamed draft through the service
 * and one straight SDK call, each traced across the client, the service and the model thread with
 * timestamps (bench/trace-marks.ts), `rounds` times; prints each mark's median time from the call
 * and each leg (from the mark before) as its median and 10th percentile: on a busy machine the
 * medians carry the waits for a core, the 10th percentile is nearer the work itself.
 *
 *   node bin/run-ts.js bench/first-token-trace.ts [--model-thread] [--rounds 30]
 *
 * Without `--model-thread` the loopback model runs on the main thread with the client (bench/
 * drafting.ts's "model with the client" layout); with it, on a thread of its own (the headline).
 */
import OpenAI from 'openai';
import { startOpenAIServer } from '../tests/support/openai-server.js';
import { benchServiceEnv, benchSetup, FIRST_TOKEN_CELL, FIRST_TOKEN_MS, median } from './drafting.js';
import { benchReply, startModelThread } from './model-thread.js';
import { startServiceThread } from './service-thread.js';
import { type Mark, mark, marks, traceFetch, traceHttpServer } from './trace-marks.js';

const arg = (name: string) => process.argv.indexOf(name);
const onThread = arg('--model-thread') > 0;
const rounds = arg('--rounds') > 0 ? Number(process.argv[arg('--rounds') + 1]) : 30;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The model: on this thread (traced here) or on its own. */
async function startModel(texts: Record<string, string>) {
  if (onThread) {
    const m = await startModelThread(texts, FIRST_TOKEN_MS, { trace: true });
    return {
      baseURL: m.baseURL,
      lastRequest: m.lastRequest,
      marks: () => m.thread.ask<Mark[]>({ type: 'marks' }),
      close: m.close,
    };
  }
  traceHttpServer('model');
  const server = await startOpenAIServer({ defaultReply: benchReply(texts, FIRST_TOKEN_MS) });
  return {
    baseURL: server.baseURL,
    lastRequest: async () => server.requests.at(-1)?.body ?? null,
    marks: async () => [] as Mark[],
    close: server.close,
  };
}

/** Reads an SSE body until a delta event; marks when it is seen. */
async function readToDelta(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let marked = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += decoder.decode(value, { stream: true });
    if (!marked && seen.includes('event: delta')) {
      mark('client delta seen');
      marked = true;
    }
  }
  if (!marked) throw new Error(`no delta: ${seen.slice(0, 300)}`);
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)]!;

/**
 * Splits the merged marks into rounds, each starting at a mark named `start` (a name's first mark
 * in a round counts); prints each mark's median time from the start, then each leg (a mark after the
 * one before it, marks ordered by median; and after the one before it on the same thread) as its
 * median and 10th percentile over the rounds, then the `--span`s asked for.
 */
function table(all: Mark[], start: string) {
  const roundsSeen = roundsOf(all, start);
  printLegs(roundsSeen);
  for (const [from, to] of spans) {
    const xs = roundsSeen.flatMap((r) => (r.has(from) && r.has(to) ? [r.get(to)! - r.get(from)!] : []));
    if (xs.length === 0) continue;
    const cells = [0.1, 0.25, 0.5].map((q) => quantile(xs, q).toFixed(2)).join(' / ');
    console.log(`span ${from} → ${to}: p10 / p25 / median ${cells} ms`);
  }
}

/** `--span "<mark>" "<mark>"` (repeatable): the time between two marks of each round, printed after the table. */
const spans: [string, string][] = process.argv.flatMap((a, i) =>
  a === '--span' ? [[process.argv[i + 1]!, process.argv[i + 2]!] as [string, string]] : [],
);

/** The marks of each round, as times from the round's `start` mark. */
function roundsOf(all: Mark[], start: string): Map<string, number>[] {
  const sorted = [...all].sort((a, b) => a.at - b.at);
  const roundsSeen: Map<string, number>[] = [];
  for (const m of sorted) {
    if (m.name === start) roundsSeen.push(new Map());
    const round = roundsSeen.at(-1);
    if (round && !round.has(m.name)) round.set(m.name, m.at);
  }
  for (const round of roundsSeen) {
    const t0 = round.get(start)!;
    for (const [name, t] of round) round.set(name, t - t0);
  }
  return roundsSeen;
}

/** Prints each mark's median time and the legs to it (see table). */
function printLegs(roundsSeen: Map<string, number>[]): void {
  const names = [...new Set(roundsSeen.flatMap((r) => [...r.keys()]))];
  const at = (name: string) => median(roundsSeen.flatMap((r) => (r.has(name) ? [r.get(name)!] : [])));
  names.sort((a, b) => at(a) - at(b));
  console.log(
    `${'mark'.padEnd(44)} ${'at (median)'.padStart(12)} ${'leg median'.padStart(11)} ${'leg p10'.padStart(8)}` +
      ` ${'thread leg'.padStart(11)} ${'p10'.padStart(6)}`,
  );
  const legsFrom = (name: string, before: string | undefined) =>
    before ? roundsSeen.flatMap((r) => (r.has(name) && r.has(before) ? [r.get(name)! - r.get(before)!] : [])) : [0];
  for (const [i, name] of names.entries()) {
    const legs = legsFrom(name, names[i - 1]);
    // the leg from the mark before on the same thread (names start with `client`, `service`, `model`…)
    const who = name.split(' ')[0]!;
    const own = legsFrom(
      name,
      names.slice(0, i).findLast((n) => n.split(' ')[0] === who),
    );
    const cells = [at(name), median(legs), quantile(legs, 0.1), median(own), quantile(own, 0.1)].map((x) =>
      x.toFixed(2),
    );
    console.log(
      `${name.padEnd(44)} ${cells[0]!.padStart(12)} ${cells[1]!.padStart(11)} ${cells[2]!.padStart(8)}` +
        ` ${cells[3]!.padStart(11)} ${cells[4]!.padStart(6)}`,
    );
  }
}

const setup = await benchSetup();
traceFetch('client');
const model = await startModel(setup.texts);
const service = await startServiceThread(benchServiceEnv(model.baseURL), setup.input, { trace: true });
const url = `${service.url}/api/forms/${service.formId}/drafts`;
const viaService = async () => {
  mark('client fetch called');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ field: FIRST_TOKEN_CELL }),
  });
  mark('client response in');
  if (res.status !== 200) throw new Error(`service answered ${res.status}`);
  await readToDelta(res.body!);
};
await viaService();
const messages = (await model.lastRequest())!.messages as OpenAI.ChatCompletionMessageParam[];
const client = new OpenAI({ baseURL: model.baseURL, apiKey: 'not-needed', maxRetries: 0 });
const direct = async () => {
  mark('direct create called');
  // what the service's drafter sends: its messages, with usage asked for
  const stream = await client.chat.completions.create({
    model: 'bench',
    messages,
    stream: true,
    stream_options: { include_usage: true },
  });
  let seen = false;
  for await (const chunk of stream) {
    if (!seen && chunk.choices[0]?.delta?.content) {
      mark('direct delta seen');
      seen = true;
    }
  }
};
for (let i = 0; i < 5; i++) {
  await viaService();
  await direct();
}
marks.length = 0;
await service.thread.ask({ type: 'marks' });
await model.marks();
const serviceMarks: Mark[] = [];
const directMarks: Mark[] = [];
for (let i = 0; i < rounds; i++) {
  await viaService();
  await sleep(5);
  serviceMarks.push(
    ...marks.splice(0),
    ...(await service.thread.ask<Mark[]>({ type: 'marks' })),
    ...(await model.marks()),
  );
  await direct();
  await sleep(5);
  directMarks.push(...marks.splice(0), ...(await model.marks()));
}
console.log(
  `## first token traced, model ${onThread ? 'on its own thread' : 'on the main thread with the client'}, ${rounds} rounds`,
);
console.log('\n### through the service');
table(serviceMarks, 'client fetch called');
console.log('\n### straight SDK');
table(directMarks, 'direct create called');
await service.close();
await model.close();
