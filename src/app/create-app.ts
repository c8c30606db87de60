/**
 * Builds the Ziping HTTP app from injected parts. This file and everything it imports run on
 * Node and on Workers alike: no `node:*`, no `process`, no lowdb. Each feature is a router in
 * `routes/<feature>.ts` (made with `createRouter()`, see router.ts) mounted here.
 */
import { accessControl } from './access/access-control.js';
import { allowedHosts } from './allowed-host.js';
import { auditTrail } from './audit-trail.js';
import { quotas } from './quotas.js';
import { auditRoutes } from './routes/audit.js';
import { limitBody } from './body-limit.js';
import { apiDocumentConfig } from './api-document.js';
import { contentTypes } from './content-type.js';
import { resolveDeps, type AppDeps } from './deps.js';
import { sameOrigin } from './same-origin.js';
import { apiGuards } from './api-guards.js';
import { onAppError, onNotFound } from './error-response.js';
import { createRouter } from './router.js';
import { registerEnvelopes } from './schemas.js';
import { checkRoutes } from './routes/check.js';
import { draftRoutes } from './routes/drafts.js';
import { exportRoutes } from './routes/export.js';
import { formHistoryRoutes } from './routes/form-history.js';
import { formsRoutes } from './routes/forms.js';
import { healthRoutes } from './routes/health.js';
import { IMPORT_CONTENT_TYPES, importRoutes } from './routes/import.js';
import { metaRoutes } from './routes/meta.js';
import { profilesRoutes } from './routes/profiles.js';
import { reviewRoutes } from './routes/reviews.js';
import { scoreRoutes } from './routes/score.js';
import { sessionRoutes } from './routes/session.js';
import { usersRoutes } from './routes/users.js';
import { webRoutes } from './routes/web.js';

/** The Hono app serving the Ziping API under `/api` (and the page at `/` when given). */
export function createApp(appDeps: AppDeps) {
  const deps = resolveDeps(appDeps);
  const app = createRouter();

  // Before anything answers, the page included: a rebinding name never reaches a route (issue #8)
  app.use('*', allowedHosts(deps.config.allowedHosts));
  // The audit log sees every answer, refusals by the access layer included (issue #12)
  app.use('/api/*', auditTrail(deps));
  // Who is asking and may they, before any route (issue #12); without accounts, the local actor
  app.use('*', accessControl({ ...deps, authRequired: deps.config.authRequired }));
  // nosniff on every answer; the write guards in one layer, skipped by reads (see api-guards.ts)
  app.use(
    '/api/*',
    apiGuards(
      limitBody(deps.config.bodyLimitBytes),
      sameOrigin({ allowedOrigins: deps.config.allowedOrigins }),
      // POST /api/import takes files (.xlsx, text, multipart); every other write JSON only
      contentTypes({ byPath: { '/api/import': IMPORT_CONTENT_TYPES, ...deps.config.contentTypesByPath } }),
    ),
  );
  // Drafting and chat, once the request is otherwise acceptable: rates per user and unit, the unit's daily model tokens (issue #12)
  app.use(
    '/api/*',
    quotas(
      { counters: deps.quotaCounters, settings: deps.config.quotas, clock: deps.clock },
      deps.drafter,
      deps.textModel,
    ),
  );

  let document: ReturnType<typeof app.getOpenAPI31Document> | null = null;
  const apiDocument = () => {
    if (document) return document;
    registerEnvelopes(app.openAPIRegistry);
    document = app.getOpenAPI31Document(apiDocumentConfig(deps.config.bodyLimitBytes));
    return document;
  };

  // The page first: its `/` takes over from the JSON index that meta serves without one
  if (deps.webAssets) app.route('/', webRoutes(deps.webAssets));
  const routes = app
    .route('/', metaRoutes(deps, apiDocument))
    .route('/api', scoreRoutes(deps))
    .route('/api', profilesRoutes(deps))
    .route('/api', formsRoutes(deps))
    .route('/api', formHistoryRoutes(deps))
    .route('/api', reviewRoutes(deps))
    .route('/api', draftRoutes(deps))
    .route('/api', exportRoutes(deps))
    .route('/api', checkRoutes(deps))
    .route('/api', importRoutes(deps))
    .route('/api', healthRoutes(deps))
    .route('/api', sessionRoutes(deps))
    .route('/api', usersRoutes(deps))
    .route('/api', auditRoutes(deps));

  app.onError(onAppError(deps.logError));
  app.notFound(onNotFound);
  return routes;
}

/** The app's type: every route with its input and output, for Hono's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
