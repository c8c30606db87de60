/**
 * Serving the app on a Node port and stopping it: listening with a clear error when the port is
 * taken, closing with requests in flight allowed to finish, and SIGINT/SIGTERM handling.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { ZipingError } from '../core/errors.js';

/** `http://host:port`, with an IPv6 address in brackets. */
export function urlOf(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** The Chinese message for a failed listen on `host`:`port`. */
function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE') {
    return `端口 ${port} 已被占用（${host}）：请停止占用它的程序，或用 --port / PORT 换一个端口。`;
  }
  if (error.code === 'EACCES') return `没有权限监听 ${host}:${port}：请换一个大于 1024 的端口。`;
  return `无法在 ${host}:${port} 上启动服务：${error.message}`;
}

/** Serves `app` on `host`:`port`; resolves with the port really used (0 picks a free one). */
export function listen(app: Hono<AppEnv>, host: string, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off('error', onError);
      resolvePromise({ server, port: info.port });
    });
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new ZipingError('internal_error', listenProblem(error, host, port), { cause: error }));
    };
    server.once('error', onError);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolvePromise) => {
    // Requests in flight may finish (so their writes are acknowledged); stragglers are cut after 5 s.
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, 5000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolvePromise();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

/** How a running server stops. */
export interface Stopping {
  /** Settles when the server has stopped and `release` has run. */
  closed: Promise<void>;
  /** Stops accepting requests, finishes those in flight, then runs `release`; once, however often called. */
  close(): Promise<void>;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * The stop of `server` followed by `release`, also on SIGINT/SIGTERM when `handleSignals` (a second
 * signal while stopping exits at once: a second Ctrl-C means "now").
 */
export function stopping(
  server: ServerType,
  release: () => Promise<void>,
  options: { handleSignals: boolean; log: (line: string) => void },
): Stopping {
  let closing: Promise<void> | null = null;
  let settle!: () => void;
  const closed = new Promise<void>((r) => (settle = r));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(130);
    options.log(`收到 ${signal}，正在停止服务 / stopping…`);
    void close();
  };
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (options.handleSignals) for (const s of SIGNALS) process.off(s, onSignal);
      await closeServer(server);
      await release();
      settle();
    })();
    return closing;
  };
  if (options.handleSignals) for (const s of SIGNALS) process.on(s, onSignal);
  return { closed, close };
}
