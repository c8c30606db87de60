/**
 * The shapes of drafting answers (src/drafting/types.ts) for the API document, and the SSE
 * events a drafting request streams when it asks for `text/event-stream`.
 */
import { z } from '@hono/zod-openapi';
import { CHECK_ISSUE_CODES } from '../core/checks/narrative/types.js';
import { ChatMessageSchema } from '../store/records.js';
import { NarrativeOrigin } from './schemas.js';

const span = z.tuple([z.number().int(), z.number().int()]);

export const DraftChecksSchema = z
  .object({
    ok: z.boolean(),
    issues: z.array(
      z.object({
        code: z.enum(CHECK_ISSUE_CODES),
        message: z.string(),
        span: span.optional(),
      }),
    ),
    numbers: z.array(
      z.object({
        text: z.string(),
        value: z.number(),
        unit: z.string().nullable(),
        span,
        found: z.boolean(),
        source: z.string().optional(),
        claim: z
          .string()
          .optional()
          .openapi({ description: '文中所称的含义：target、actual、deviation-rate…；none 为未说明' }),
      }),
    ),
    placeholders: z.array(z.string()).openapi({ description: '待补充处，如 `〔待补充：偏差原因〕`' }),
    length: z.number().int().openapi({ description: '字数（空白以外每个字符算一个）' }),
    maxChars: z.number().int(),
  })
  .openapi('DraftChecks');

export const ChatHistorySchema = z.array(
  ChatMessageSchema.extend({ origin: NarrativeOrigin.optional() }).openapi('ChatMessage'),
);

export const DraftResultSchema = z
  .object({
    path: z.string(),
    text: z.string(),
    checks: DraftChecksSchema,
    drafter: z.enum(['builtin', 'model']),
    model: z.string().optional(),
    promptId: z.string(),
    promptVersion: z.string(),
    notice: z.string().optional(),
    repaired: z.boolean().optional(),
    fallback: z
      .object({ code: z.string(), message: z.string() })
      .optional()
      .openapi({ description: '模型失败时改用内置起草的原因' }),
    history: z
      .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() }).passthrough())
      .optional()
      .openapi({ description: '对话修改时：该单元格的完整对话' }),
    usage: z
      .object({
        promptTokens: z.number(),
        completionTokens: z.number(),
        totalTokens: z.number(),
        estimated: z.boolean(),
      })
      .optional()
      .openapi({ description: '模型用量（tokens，计入本单位每日额度）；estimated 为按字数估算' }),
  })
  .openapi('DraftResult');

const failure = z.object({ code: z.string(), message: z.string() });

export const DraftBatchSchema = z
  .object({
    total: z.number().int(),
    items: z.array(
      z.union([
        z.object({ path: z.string(), ok: z.literal(true), result: DraftResultSchema }),
        z.object({ path: z.string(), ok: z.literal(false), error: failure }),
      ]),
    ),
  })
  .openapi('DraftBatch');

/** How the drafting routes stream, for their descriptions. */
export const SSE_EVENTS = [
  '`Accept: text/event-stream` 时以 SSE 流式返回：`delta` {path, text} 新增文字；',
  '`reset` {path, reason} 之前的文字作废（重试、修复或改用内置起草）；批量时 `progress` {done, total, path, ok, result|error}；',
  '最后 `done`（与 JSON 响应相同）或 `error` {code, message}。',
].join('');

/** The 200 answer of a drafting route: JSON, or the same result streamed as SSE. */
export const DraftAnswer = {
  description: '起草结果（含检查结果、起草器、模型、提示词编号与版本）；`{ field }` 为单个结果，`fields`/`all` 为批量',
  content: {
    'application/json': { schema: z.union([DraftResultSchema, DraftBatchSchema]) },
    'text/event-stream': {
      schema: z.string().openapi({ description: `事件流：${SSE_EVENTS}` }),
    },
  },
} as const;
