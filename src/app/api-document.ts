/**
 * The parts of /api/openapi.json that no route states: the title, the overview of errors,
 * versions and narrative cells, and the body limit of this app. Paths and shapes are generated
 * from the routes (`createRoute`) by @hono/zod-openapi.
 */

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
        '- 版本：每次保存版本号加一，ETag 即版本号。修改、删除必须带 If-Match；两个基于同一版本的保存，只有一个成功，另一个得到 409。',
        '- 叙述单元格（`goals.actual` 实际完成情况、`indicators.N.deviation` 偏差原因分析及改进措施，N 从 0 起）各有自己的历史，记录每段文字的来源（人工、内置模板或模型及提示词）；文字写成后相关数字或得分变了，标记为 stale。',
      ].join('\n'),
    },
    servers: [{ url: '/' }],
  };
}
