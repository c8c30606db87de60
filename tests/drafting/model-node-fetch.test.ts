/**
 * The model drafter's tests (model.test.ts) once more, the openai SDK calling the model through the
 * Node entry's lean fetch (src/entry/node-fetch.ts) instead of undici's: errors, 429/5xx retries,
 * timeouts, cut and silent streams, byte caps and aborts must come out the same.
 */
import { createNodeFetch } from '../../src/entry/node-fetch.js';
import { useModelFetch } from './helpers.js';

useModelFetch(createNodeFetch());
await import('./model.test.js');
