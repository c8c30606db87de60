/**
 * Builds the Ziping HTTP app from injected parts. This file and everything it imports run on
 * Node and on Workers alike: no `node:*`, no `process`, no lowdb. Each feature is a sub-app in
 * `routes/<feature>.ts` registered here.
 */
import { Hono } from 'hono';
import { resolveDeps, type AppDeps } from './deps.js';
import { limitBody } from './body-limit.js';
import { onAppError, onNotFound } from './error-response.js';
import { draftRoutes } from './routes/drafts.js';
import { formHistoryRoutes } from './routes/form-history.js';
import { formsRoutes } from './routes/forms.js';
import { healthRoutes } from './routes/health.js';
import { metaRoutes } from './routes/meta.js';
import { profilesRoutes } from './routes/profiles.js';
import { scoreRoutes } from './routes/score.js';
import { webRoutes } from './routes/web.js';

/** The Hono app serving the Ziping API under `/api`. */
export function createApp(appDeps: AppDeps): Hono {
  const deps = resolveDeps(appDeps);
  const app = new Hono();

  app.use('/api/*', async (c, next) => {
    // Set before the response exists: adding a header afterwards makes the Node adapter rebuild it.
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });
  app.use('/api/*', limitBody(deps.config.bodyLimitBytes));

  // The page first: its `/` takes over from the JSON index that meta serves without one
  if (deps.webAssets) app.route('/', webRoutes(deps.webAssets));
  app.route('/', metaRoutes(deps));
  app.route('/api', scoreRoutes(deps));
  app.route('/api', profilesRoutes(deps));
  app.route('/api', formsRoutes(deps));
  app.route('/api', formHistoryRoutes(deps));
  app.route('/api', draftRoutes(deps));
  app.route('/api', healthRoutes(deps));

  app.onError(onAppError(deps.logError));
  app.notFound(onNotFound);
  return app;
}
