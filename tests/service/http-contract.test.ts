/** The shared API table against the Node server with lowdb in a temp directory. */
import { startTestServer } from '../support/server.js';
import { describeHttpContract } from './http-contract.js';

describeHttpContract('Node server, lowdb', async () => {
  const server = await startTestServer();
  return { request: server.request, stop: () => server.stop() };
});
