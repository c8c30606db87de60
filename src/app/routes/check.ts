/**
 * `POST /api/check`: the narrative checks a reviewer runs on a form, nothing stored (issue #13).
 * Every non-empty narrative cell as written, or one `field` with the `text` proposed for it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  checkCellAsWritten,
  checkFormNarratives,
  findingsOf,
  type CellCheck,
} from '../../core/checks/narrative/index.js';
import { factsOf } from '../../core/facts/form-facts.js';
import { scoreForm, ZipingError, type Form, type ScoreReport } from '../../core/index.js';
import { hasNarrativeCell, isNarrativePath } from '../../core/narratives/index.js';
import { MAX_READ } from '../../core/narrative/quantities.js';
import { DraftChecksSchema } from '../draft-schemas.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { errors, formBody, Form as FormSchema, jsonResponse, ProfileQuery } from '../schemas.js';

const FindingSchema = z
  .object({
    path: z.string().openapi({ description: '`goals.actual` 或 `indicators.N.deviation`' }),
    code: z.string(),
    severity: z
      .enum(['error', 'warning'])
      .openapi({ description: 'error：与表中数据不符或留有待补充；warning：无法核实或表述问题' }),
    message: z.string(),
    span: z
      .tuple([z.number().int(), z.number().int()])
      .optional()
      .openapi({ description: '在该单元格文字中的位置（UTF-16，含头不含尾）' }),
    excerpt: z.string().optional(),
  })
  .openapi('NarrativeFinding');

const CheckResultSchema = z
  .object({
    profile: z.string(),
    cells: z.array(z.object({ path: z.string(), text: z.string(), checks: DraftChecksSchema })),
    findings: z.array(FindingSchema),
  })
  .openapi('CheckResult');

const checkRoute = createRoute({
  method: 'post',
  path: '/check',
  summary: '核查叙述单元格（不保存）',
  description:
    '提交一张自评表（或 `{ form, field?, text? }`），按表中数据核查每个叙述单元格；给出 `field` 与 `text` 时只核查这段文字。',
  request: {
    query: ProfileQuery,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: formBody(
            z.strictObject({
              form: FormSchema,
              field: z
                .string()
                .max(40)
                .optional()
                .openapi({ description: '只核查这个单元格：`goals.actual` 或 `indicators.N.deviation`' }),
              text: z.string().max(MAX_READ).optional().openapi({ description: '代替该单元格现有文字来核查的文字' }),
            }),
            'CheckRequest',
            '自评表，或 `{ form, field?, text? }`',
          ),
        },
      },
    },
  },
  responses: { 200: jsonResponse(CheckResultSchema, '核查结果'), ...errors(400, 413, 415, 422, 500) },
});

/** The one cell asked for, with `text` in place of what the form holds. */
function oneCell(form: Form, report: ScoreReport, field: string, text: string | undefined): CellCheck {
  if (!isNarrativePath(field) || !hasNarrativeCell(form, field)) {
    throw new ZipingError(
      'invalid_request',
      `field 应为表中的叙述单元格（goals.actual 或 indicators.N.deviation），而不是“${field}”`,
      {
        issues: [{ path: 'field', code: 'unknown_cell', message: `表中没有单元格 ${field}` }],
      },
    );
  }
  const written =
    text ??
    (field === 'goals.actual' ? form.goals?.actual : form.indicators[Number(field.split('.')[1])]?.deviation) ??
    '';
  return checkCellAsWritten(factsOf(form, report), field, written);
}

/** The check route, to be mounted under `/api`. */
export function checkRoutes(_deps: ResolvedDeps) {
  return createRouter().openapi(checkRoute, (c) => {
    const { profile } = c.req.valid('query');
    const { form, field, text } = c.req.valid('json');
    if (text !== undefined && field === undefined) {
      throw new ZipingError('invalid_request', '给出 text 时必须同时给出 field（要核查的单元格）', {
        issues: [{ path: 'field', code: 'required', message: '缺少 field' }],
      });
    }
    const report = scoreForm(form, profile ? { profile } : {});
    const cells = field === undefined ? checkFormNarratives(form, report) : [oneCell(form, report, field, text)];
    return c.json({ profile: report.profile, cells, findings: findingsOf(cells) }, 200);
  });
}
