/**
 * The model drafter's tests (model.test.ts) once more, the openai SDK calling the model through the
 * Node entry's lean fetch (src/entry/node-fetch.ts) instead of undici's: errors, 429/5xx retries,
 * timeouts, cut and silent streams, byte caps and aborts must come out the same.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, expect } from 'vitest';
import { createNodeFetch } from '../../src/entry/node-fetch.js';
import { useModelFetch } from './helpers.js';

// The re-run must really go through node:http: count the requests it starts
const sent = { count: 0 };
const count = (): void => {
  sent.count += 1;
};
subscribe('http.client.request.start', count);
afterAll(() => {
  unsubscribe('http.client.request.start', count);
  expect(sent.count).toBeGreaterThan(40);
});

useModelFetch(createNodeFetch());
await import('./model.test.js');
