/**
 * Runs a Ziping server as its own process for crash tests:
 *   node bin/run-ts.js tests/support/child-server.ts <dataDir>
 * Prints `ZIPING_URL <url>` on stdout once listening; on a start failure prints the error's
 * message on stderr and exits with 1.
 */
import { startNodeServer } from '../../src/entry/node.js';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: child-server.ts <dataDir>');
  process.exit(64);
}
try {
  const server = await startNodeServer({ host: '127.0.0.1', port: 0, dataDir, log: () => undefined });
  process.stdout.write(`ZIPING_URL ${server.url}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
