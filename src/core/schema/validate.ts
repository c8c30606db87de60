/**
 * Turns zod failures into Ziping field issues with Chinese messages and stable codes, so that
 * the CLI, the HTTP API and the page all report a bad form the same way.
 */
import type { z } from 'zod';
import { ZipingError, type FieldIssue } from '../errors.js';
import { compiledSchema } from './compiled.js';
import { labelForPath, placeOf } from './field-labels.js';
import { FormSchema, LIMIT_CODES, type Form } from './form.js';

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  string: '文本',
  object: '对象',
  array: '列表',
  boolean: '是/否',
  int: '整数',
};

/** The Chinese words for a schema limit zod has no code for (src/core/limits.ts). */
function describeLimit(path: string, label: string, params: Record<string, unknown> | undefined): FieldIssue | null {
  const limit = String(params?.limit ?? '');
  if (params?.code === LIMIT_CODES.digits) {
    return { path, code: LIMIT_CODES.digits, message: `${label}中的数字不能超过${limit}位` };
  }
  if (params?.code === LIMIT_CODES.decimals) {
    return { path, code: LIMIT_CODES.decimals, message: `${label}最多${limit}位小数` };
  }
  return null;
}

function describeIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map(String).join('.');
  const label = labelForPath(issue.path as (string | number)[]);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return { path, code: 'required', message: `缺少${label}` };
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return { path, code: 'invalid_type', message: `${label}必须是${expected}` };
    }
    case 'too_small': {
      if (issue.origin === 'string') return { path, code: 'required', message: `${label}不能为空` };
      if (issue.origin === 'array')
        return { path, code: 'too_small', message: `${label}至少需要${String(issue.minimum)}项` };
      if (Number(issue.minimum) === 0) return { path, code: 'too_small', message: `${label}必须是非负数` };
      return { path, code: 'too_small', message: `${label}不能小于${String(issue.minimum)}` };
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return { path, code: 'too_long', message: `${label}不能超过${max}个字符` };
      if (issue.origin === 'array') return { path, code: 'too_many', message: `${label}最多${max}项` };
      return { path, code: 'too_big', message: `${label}不能大于${max}` };
    }
    case 'custom':
      return describeLimit(path, label, issue.params) ?? { path, code: 'invalid', message: `${label}不正确` };
    case 'invalid_value':
      return {
        path,
        code: 'invalid_value',
        message: `${label}只能是 ${issue.values.map((v) => String(v)).join(' / ')}`,
      };
    case 'unrecognized_keys':
      return { path, code: 'unrecognized_keys', message: `无法识别的字段：${issue.keys.join('、')}` };
    default:
      return { path, code: issue.code, message: `${label}不正确` };
  }
}

/** Field issues for a zod error (or its issue list), one per failing field. */
export function fieldIssuesOf(error: z.ZodError | readonly z.core.$ZodIssue[]): FieldIssue[] {
  return ('issues' in error ? error.issues : error).map(describeIssue);
}

/** The error for input that failed a schema: `自评表有2处错误：第3行 得分（indicators.2.score）：…`, every field in `issues`. */
export function invalidInput(
  code: 'invalid_form' | 'invalid_request',
  what: string,
  issues: FieldIssue[],
): ZipingError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ' 等' : '';
  return new ZipingError(
    code,
    `${what}有${issues.length}处错误：${first.path ? `${placeOf(first.path)}：` : ''}${first.message}${more}`,
    {
      issues,
    },
  );
}

/** The error for a form that is not a JSON object at all. */
export function notAForm(): ZipingError {
  return new ZipingError('invalid_form', '这不是一张自评表：应为 JSON 对象，含 year、project、indicators 等字段', {
    issues: [{ path: '', code: 'invalid_type', message: '表单必须是 JSON 对象' }],
  });
}

/** Validates `data` against `schema` or throws a ZipingError listing every failing field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  data: unknown,
  code: 'invalid_form' | 'invalid_request' = 'invalid_request',
  what = '请求',
): z.output<S> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  throw invalidInput(code, what, fieldIssuesOf(result.error));
}

/** Validates a form (form-format.md §1) or throws `invalid_form` with every failing field. */
export function parseForm(data: unknown): Form {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw notAForm();
  return parseWith(compiledSchema(FormSchema), data, 'invalid_form', '自评表');
}
