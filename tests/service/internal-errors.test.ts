/**
 * An unexpected failure inside a handler becomes a generic 500 in the one error shape; the real
 * error goes to the server log only. Driven through `createApp` with a store whose disk fails.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { MemoryFormRepository } from '../../src/store/memory-repository.js';
import type { FormPage } from '../../src/store/repository.js';

/** A memory store whose listing fails the way a broken disk would. */
class BrokenListStore extends MemoryFormRepository {
  override async list(): Promise<FormPage> {
    throw new Error('EIO: i/o error, read /secret/path/forms');
  }
}

describe('unexpected errors', () => {
  it('answer 500 internal_error with a generic Chinese message and log the real one', async () => {
    const logged: unknown[] = [];
    const app = createApp({ store: new BrokenListStore(), logError: (_message, error) => logged.push(error) });
    const response = await app.request('/api/forms');
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).toContain('服务内部错误');
    expect(JSON.stringify(body)).not.toContain('secret');
    expect(logged).toHaveLength(1);
    expect((logged[0] as Error).message).toContain('EIO');
  });

  it('uses the injected clock for save times', async () => {
    const app = createApp({ store: new MemoryFormRepository(), clock: () => new Date('2023-01-02T03:04:05.000Z') });
    const { seedInput } = await import('../support/seed-forms.js');
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(seedInput()) };
    const response = await app.request('/api/forms', init);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { createdAt: string };
    expect(body.createdAt).toBe('2023-01-02T03:04:05.000Z');
  });
});
