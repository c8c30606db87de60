/** `GET /api/profiles`: the rule profiles (口径) with their settings and the source of each. */
import { createRoute, z } from '@hono/zod-openapi';
import { DEFAULT_PROFILE_ID, listProfiles } from '../../core/index.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { jsonResponse } from '../schemas.js';

const RuleProfile = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    banner: z.string().optional().openapi({ description: '使用此口径时在报告旁提示的文字' }),
    extends: z.string().optional(),
    verified: z.boolean(),
    settings: z
      .record(z.string(), z.unknown())
      .openapi({ description: '规则设置（执行率、数量指标、超额、定性分档、取整、等级……）' }),
    sources: z.record(z.string(), z.unknown()).openapi({ description: '每项设置的依据：`{ tag, ref }`' }),
  })
  .openapi('RuleProfile');

const profilesRoute = createRoute({
  method: 'get',
  path: '/profiles',
  summary: '评分口径',
  description: '全部评分口径（规则配置）及每项设置的依据。',
  responses: {
    200: jsonResponse(
      z.object({ defaultProfile: z.string(), profiles: z.array(RuleProfile) }),
      '口径列表，默认口径在前',
    ),
  },
});

/** The profile routes, to be mounted under `/api`. */
export function profilesRoutes(_deps: ResolvedDeps) {
  return createRouter().openapi(profilesRoute, (c) =>
    c.json({ defaultProfile: DEFAULT_PROFILE_ID, profiles: listProfiles() }, 200),
  );
}
