/** The shared API table against the Worker (src/entry/worker.ts) in workerd with a fresh D1 per test. */
import { SELF } from 'cloudflare:test';
import { describeHttpContract } from '../service/http-contract.js';
import { freshD1, resetD1 } from './d1.js';

describeHttpContract('Worker, D1 (workerd)', async () => {
  await freshD1();
  return { request: (path, init) => SELF.fetch(`http://ziping.test${path}`, init), stop: resetD1 };
});
