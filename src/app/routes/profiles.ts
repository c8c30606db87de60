/** `GET /api/profiles`: the rule profiles (口径) with their settings and the source of each. */
import { Hono } from 'hono';
import { DEFAULT_PROFILE_ID, listProfiles } from '../../core/index.js';
import type { ResolvedDeps } from '../deps.js';

/** The profile routes, to be mounted under `/api`. */
export function profilesRoutes(_deps: ResolvedDeps): Hono {
  const app = new Hono();
  app.get('/profiles', (c) => c.json({ defaultProfile: DEFAULT_PROFILE_ID, profiles: listProfiles() }));
  return app;
}
