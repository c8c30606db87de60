/**
 * The parts of /api/openapi.json that no route states: the title, the overview of errors,
 * versions and narrative cells, and the body limit of this app. Paths and shapes are generated
 * from the routes (`createRoute`) by @hono/zod-openapi.
 */

import {
  MAX_AMOUNT,
  MAX_CELL_CHARS,
  MAX_CHAT_TURNS_PER_CELL,
  MAX_DECIMALS,
  MAX_LONG_CELL_CHARS,
  MAX_NUMBER_DIGITS,
  MAX_ROWS,
  MAX_WEIGHT,
} from '../core/limits.js';

/** The document's `openapi`, `info` and `servers` for an app with the given body limit. */
export function apiDocumentConfig(bodyLimitBytes: number) {
  const mib = (bodyLimitBytes / 1024 / 1024).toFixed(2);
  return {
    openapi: '3.1.0',
    info: {
      title: '绩效自评助手 Ziping API',
      version: '1.0.0',
      description: [
        '项目支出绩效自评表的评分、起草、对话修改、保存、版本与修订历史。请求和响应都是 JSON（UTF-8）；起草与对话另可用 SSE 流式返回。',
        '',
        `- 请求体上限：${bodyLimitBytes} 字节（${mib} MiB），超过返回 413 \`payload_too_large\`；请求体须为 JSON（Content-Type: application/json），否则 415。`,
        '- 错误统一为 `{ error: { code, message, issues? } }`，message 为中文；issues 逐项列出出错字段（路径相对于表单，如 `indicators.0.weight`）。',
        '- 400 JSON 无法解析（`invalid_json`）或参数不对（`invalid_request`）；422 表单不符合格式（`invalid_form`，列出每个出错字段）或未知评分口径；404 没有这个表或接口；409 版本冲突（body 含 `currentVersion`）；413 请求体过大；428 缺少 If-Match；500 服务内部错误；502/503/504 模型服务出错、限流、超时。',
        `- 限制（src/core/limits.ts，Form 的 JSON Schema 中亦有）：每表最多 ${MAX_ROWS} 行指标；单元格最多 ${MAX_CELL_CHARS} 字符（年度总体目标等 ${MAX_LONG_CELL_CHARS}）；指标值与实际完成值中一串数字最多 ${MAX_NUMBER_DIGITS} 位（\`too_many_digits\`）；分值、得分 0–${MAX_WEIGHT}；金额 0–${MAX_AMOUNT}；数字最多 ${MAX_DECIMALS} 位小数（\`too_many_decimals\`）；每个单元格对话最多 ${MAX_CHAT_TURNS_PER_CELL} 轮（409 \`chat_too_long\`）。`,
        '- 安全：Host 须为本机名称或 ZIPING_ALLOWED_HOSTS 所列（否则 421 `misdirected_request`）；来自其他网站的写请求 403 `cross_site_request`；写请求只接受 application/json（否则 415 `unsupported_media_type`）；评分结果含非有限数 422 `non_finite_number`；模型超时 504 `model_timeout`，输出超长 502 `model_output_too_long`。',
        '- 版本：每次保存版本号加一，ETag 即版本号。修改、删除必须带 If-Match；两个基于同一版本的保存，只有一个成功，另一个得到 409。',
        '- 叙述单元格（`goals.actual` 实际完成情况、`indicators.N.deviation` 偏差原因分析及改进措施，N 从 0 起）各有自己的历史，记录每段文字的来源（人工、内置模板或模型及提示词）；文字写成后相关数字或得分变了，标记为 stale。',
      ].join('\n'),
    },
    servers: [{ url: '/' }],
  };
}
