/**
 * `ziping serve [--host H] [--port P] [--data DIR]`: runs the HTTP service until SIGINT/SIGTERM.
 */
import { ZipingError } from '../core/errors.js';
import { startNodeServer } from '../entry/node.js';
import { parseArgs } from './args.js';

export const SERVE_USAGE =
  'ziping serve [--host H] [--port P] [--data DIR]   启动服务（默认 127.0.0.1:8787，数据在 data/store）';

/** Starts the service and resolves with the exit code once it has stopped. */
export async function serveCommand(
  args: string[],
  out: (text: string) => void = (t) => console.log(t),
): Promise<number> {
  const { positional, flags } = parseArgs(args, ['host', 'port', 'data'], ['help']);
  if (flags.has('help')) {
    out(SERVE_USAGE);
    return 0;
  }
  if (positional.length > 0) {
    out(`多余的参数：${positional.join(' ')}\n${SERVE_USAGE}`);
    return 64;
  }
  const text = (name: string): string | undefined => {
    const value = flags.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const port = text('port');
  const server = await startNodeServer({
    host: text('host'),
    port: port === undefined ? undefined : portArg(port),
    dataDir: text('data'),
    log: out,
  });
  await server.closed;
  return 0;
}

/** `--port` as a number, or `invalid_request` naming the bad value. */
function portArg(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port <= 65535)) throw new ZipingError('invalid_request', `端口号无效：${value}（应为 0–65535 的整数）`);
  return port;
}
