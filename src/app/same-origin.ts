/**
 * Writes only from the page itself or from programs (issue #8). A browser marks every request with
 * `Sec-Fetch-Site`, and cross-origin ones with `Origin`; a write that says it comes from another
 * site (another port on localhost counts: it is "same-site", not "same-origin") gets 403
 * `cross_site_request`. Programs (curl, the CLI, other services) send neither header and pass.
 */
import type { MiddlewareHandler } from 'hono';
import { ZipingError } from '../core/errors.js';

export interface SameOriginOptions {
  /** Origins besides the server's own whose pages may write, e.g. `https://oa.example.gov.cn`. */
  allowedOrigins?: readonly string[];
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The request's own origin as the browser would write it, from the Host it was sent to. */
function ownOrigin(url: string, host: string | undefined): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${host ?? parsed.host}`.toLowerCase();
}

/** Middleware refusing writes that a browser marks as coming from another site, with 403. */
export function sameOrigin(options: SameOriginOptions = {}): MiddlewareHandler {
  const allowed = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase()));
  return function sameOriginGuard(c, next) {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin')?.toLowerCase();
    const site = c.req.header('sec-fetch-site')?.toLowerCase();
    // The own origin only when an Origin came to compare (programs send none; parsing the URL costs)
    const fromAllowed =
      origin !== undefined && (allowed.has(origin) || origin === ownOrigin(c.req.url, c.req.header('host')));
    const crossBySite = site !== undefined && site !== 'same-origin' && site !== 'none';
    const crossByOrigin = origin !== undefined && !fromAllowed;
    if ((crossBySite && !fromAllowed) || crossByOrigin) {
      const seen = `Origin: ${origin ?? '无'}，Sec-Fetch-Site: ${site ?? '无'}`;
      throw new ZipingError('cross_site_request', `拒绝来自其他网站的写请求（${seen}）：请在本服务自己的页面上操作`, {
        details: { origin: origin ?? null, secFetchSite: site ?? null },
      });
    }
    return next();
  };
}
