/**
 * The `Host` header must name this server (issue #8). A DNS-rebinding page resolves its own name to
 * 127.0.0.1 and then reads and deletes every form as a "same-origin" page; its requests still carry
 * its own name in `Host`, so anything but a configured name gets 421 `misdirected_request`.
 */
import type { MiddlewareHandler } from 'hono';
import { ZipingError } from '../core/errors.js';

/** The names a loopback server answers to by default. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** `Host` without its port and brackets, lower case: `[::1]:8787` → `::1`, `LocalHost:80` → `localhost`. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.indexOf(':');
  if (colon !== h.lastIndexOf(':')) return h; // a bare IPv6 address (`::1`) has no port
  return (colon >= 0 ? h.slice(0, colon) : h).replace(/\.$/, '');
}

/** True for 127.x.x.x, ::1 and `localhost` (and names under it). */
export function isLoopbackHost(host: string): boolean {
  const name = hostnameOf(host);
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** Middleware answering 421 to a request whose Host is not in `hosts` (`*` allows any). */
export function allowedHosts(hosts: readonly string[] = LOOPBACK_HOSTS): MiddlewareHandler {
  const names = new Set(hosts.map(hostnameOf));
  const any = names.has('*');
  // Not async: returning next()'s promise as is spares a promise and its ticks per request (issue #9)
  return function allowedHostGuard(c, next) {
    const header = c.req.header('host') ?? new URL(c.req.url).host;
    if (any || names.has(hostnameOf(header))) return next();
    const shown = header.slice(0, 100);
    const use = [...names].join('、');
    throw new ZipingError(
      'misdirected_request',
      `本服务不接受发往“${shown}”的请求：请用 ${use} 访问，或把该名称加入 ZIPING_ALLOWED_HOSTS`,
      {
        details: { host: shown },
      },
    );
  };
}
