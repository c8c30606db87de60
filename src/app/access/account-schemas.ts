/** The JSON shapes of the sign-in and user routes (issue #12), defined once for validation and OpenAPI. */
import { z } from '@hono/zod-openapi';
import { ROLES } from '../../core/access/roles.js';
import { MAX_USER_NAME_CHARS, PASSWORD_LIMITS, UNIT_PATH_LIMITS } from '../../core/limits.js';

export const UserViewSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ description: '登录名（写入历史，代替“署名”）' }),
    unit: z.string().openapi({ description: '单位路径，如 某市财政局/某市科委' }),
    role: z.enum(ROLES).openapi({ description: 'filler 填报人，reviewer 审核人，admin 管理员' }),
    roleLabel: z.string().openapi({ description: '角色的中文名' }),
    createdAt: z.string(),
    disabledAt: z
      .string()
      .nullable()
      .openapi({ description: '吊销（停用）的时间；null 表示账户在用。停用的用户不能登录，也不能用令牌' }),
  })
  .openapi('User');

export const SessionViewSchema = z
  .object({
    auth: z.boolean().openapi({ description: '是否需要登录（团队部署）；false 时为单机模式，无需账号' }),
    user: UserViewSchema.nullable(),
    csrfToken: z
      .string()
      .nullable()
      .openapi({ description: '用登录 Cookie 写入时须放在 X-Ziping-CSRF 请求头里；用 API 令牌时为 null' }),
  })
  .openapi('Session');

export const SignInSchema = z
  .object({
    name: z.string().min(1).max(MAX_USER_NAME_CHARS).openapi({ description: '用户名' }),
    password: z.string().min(1).max(PASSWORD_LIMITS.maxChars).openapi({ description: '密码' }),
  })
  .openapi('SignIn');

export const NewUserSchema = z
  .object({
    name: z.string().min(1).max(MAX_USER_NAME_CHARS),
    unit: z.string().min(1).max(UNIT_PATH_LIMITS.maxChars),
    role: z.string().min(1).max(20).openapi({ description: '填报人、审核人、管理员（或 filler、reviewer、admin）' }),
    password: z
      .string()
      .max(PASSWORD_LIMITS.maxChars)
      .optional()
      .openapi({ description: '页面登录的初始密码（可不设）' }),
  })
  .openapi('NewUser');

export const NewTokenSchema = z
  .object({ user: UserViewSchema, token: z.string().openapi({ description: 'API 令牌，只显示这一次' }) })
  .openapi('NewToken');

export const UserNameParams = z.object({
  name: z.string().min(1).max(MAX_USER_NAME_CHARS).openapi({ description: '用户名' }),
});
