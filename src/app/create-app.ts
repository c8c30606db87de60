/**
 * Builds the Ziping HTTP app from injected parts. This file and everything it imports run on
 * Node and on Workers alike: no `node:*`, no `process`, no lowdb. Each feature is a sub-app in
 * `routes/<feature>.ts` registered here.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ZipingError } from '../core/errors.js';
import { resolveDeps, type AppDeps } from './deps.js';
import { errorResponse, onAppError, onNotFound } from './error-response.js';
import { formHistoryRoutes } from './routes/form-history.js';
import { formsRoutes } from './routes/forms.js';
import { metaRoutes } from './routes/meta.js';
import { profilesRoutes } from './routes/profiles.js';
import { scoreRoutes } from './routes/score.js';

/** The Hono app serving the Ziping API under `/api`. */
export function createApp(appDeps: AppDeps): Hono {
  const deps = resolveDeps(appDeps);
  const limit = deps.config.bodyLimitBytes;
  const app = new Hono();

  app.use('/api/*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: limit,
      onError: (c) => {
        // The rest of the body is never read, so the connection cannot carry another request:
        // say so, or a client would reuse it and see its next request fail.
        c.header('Connection', 'close');
        return errorResponse(
          c,
          new ZipingError('payload_too_large', `请求体超过上限 ${limit} 字节（${(limit / 1024 / 1024).toFixed(2)} MiB）`, {
            details: { limitBytes: limit },
          }),
        );
      },
    }),
  );

  app.route('/', metaRoutes(deps));
  app.route('/api', scoreRoutes(deps));
  app.route('/api', profilesRoutes(deps));
  app.route('/api', formsRoutes(deps));
  app.route('/api', formHistoryRoutes(deps));

  app.onError(onAppError(deps.logError));
  app.notFound(onNotFound);
  return app;
}
