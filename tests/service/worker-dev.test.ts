/**
 * `PORT=P npm run dev:worker` as a user runs it: the page from Static Assets, the API on a local
 * D1, and a model draft streamed through the Worker from the loopback OpenAI-protocol server —
 * and when the client goes away, the Worker cancels the model call.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { seedInput } from '../support/seed-forms.js';
import { readUntilFirstDelta } from '../support/sse.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `check` is true, polling; rejects after `limitMs` with `what`. */
async function waitFor(check: () => boolean | Promise<boolean>, what: string, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm run dev:worker (local workerd, D1, Static Assets)', () => {
  let model: OpenAIServer;
  let child: ChildProcess;
  let output = '';
  let base = '';
  let d1Dir = '';

  beforeAll(async () => {
    model = await startOpenAIServer();
    d1Dir = await makeTempDir('ziping-d1-');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(
      'npm',
      [
        'run',
        'dev:worker',
        '--',
        '--inspector-port',
        String(await freePort()),
        '--var',
        'ZIPING_MODEL:loopback-model',
        '--var',
        `OPENAI_BASE_URL:${model.baseURL}`,
        '--var',
        'ZIPING_MODEL_FALLBACK:error',
      ],
      {
        cwd: root,
        env: { ...process.env, PORT: String(port), ZIPING_D1_DIR: d1Dir },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`dev:worker exited ${child.exitCode}:\n${output}`);
        return fetch(`${base}/api`).then(
          (r) => r.ok,
          () => false,
        );
      },
      'dev:worker to answer',
      120_000,
    );
  }, 180_000);

  afterAll(async () => {
    // The whole group: npm, the script, wrangler and workerd
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await model?.close();
    if (d1Dir) await removeDir(d1Dir);
  });

  it('serves the page from Static Assets with its CSP, and the API from D1', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module"');

    const created = await fetch(`${base}/api/forms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(seedInput()),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(
      ((await (await fetch(`${base}/api/forms`)).json()) as { items: { id: string }[] }).items.map((s) => s.id),
    ).toEqual([id]);
  });

  it('streams a model draft through the Worker and cancels the model call when the client goes away', async () => {
    const created = await fetch(`${base}/api/forms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(seedInput()),
    });
    const { id } = (await created.json()) as { id: string };
    model.reset();
    // A long, slow answer: only a cancelled call ends it before the test's time runs out
    model.enqueue({ text: '偏差原因：'.repeat(400), chunkSize: 2, chunkDelayMs: 100 });

    const client = new AbortController();
    const response = await fetch(`${base}/api/forms/${id}/drafts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ field: 'indicators.5.deviation' }),
      signal: client.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const seen = await readUntilFirstDelta(response.body!.getReader());
    expect(seen).toContain('"text":"偏差"');
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]!.body).toMatchObject({ model: 'loopback-model', stream: true });
    expect(model.stats.inFlight).toBe(1);

    client.abort();
    await waitFor(() => model.stats.inFlight === 0, 'the Worker to close the model call');
    expect(model.requests).toHaveLength(1);
  });
});
