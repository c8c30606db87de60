/**
 * A request that failed its route's schema, as our one error: 400 `invalid_request` naming each
 * field, or 422 `invalid_form` when only the form in the body is wrong (paths relative to the
 * form, as form-format.md and the CLI report them). By convention a body carries its form under
 * the key `form`; a bare form is validated as `{ form }` (see `formBody` in schemas.ts).
 */
import type { z } from 'zod';
import type { ZipingError } from '../core/errors.js';
import { fieldIssuesOf, invalidInput, notAForm } from '../core/schema/validate.js';

/** Where a request value came from (the validator targets of Hono). */
export type RequestPart = 'json' | 'form' | 'query' | 'param' | 'header' | 'cookie';

const WHAT: Record<RequestPart, string> = {
  json: '请求',
  form: '请求',
  query: '查询参数',
  param: '路径参数',
  header: '请求头',
  cookie: 'Cookie',
};

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

function isRecord(value: unknown): value is Record<Key, unknown> {
  return value !== null && typeof value === 'object';
}

function isPlainObject(value: unknown): value is Record<Key, unknown> {
  return isRecord(value) && !Array.isArray(value);
}

/** The value at `path` in `data` (undefined when absent). */
function valueAt(data: unknown, path: readonly Key[]): unknown {
  let value = data;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/**
 * The issue with the input it failed on: the validator parses without `reportInput`, and a field
 * that is missing ("缺少…") reads differently from one of the wrong type ("…必须是数字").
 */
function withInput(issue: Issue, data: unknown, part: RequestPart): Issue {
  const path = issue.path as Key[];
  let input = valueAt(data, path);
  if (part === 'json' && path[0] === 'form' && !(isPlainObject(data) && 'form' in data)) {
    // A bare form seen as `{ form }`; or, at `form` itself in an object, a request without its form
    input = path.length === 1 && isPlainObject(data) ? undefined : valueAt(data, path.slice(1));
  }
  return { ...issue, input } as Issue;
}

/** An issue about the form itself (not about a missing `form` field of the request). */
function isFormIssue(issue: Issue): boolean {
  if (issue.path[0] !== 'form') return false;
  return issue.path.length > 1 || issue.input !== undefined;
}

/** The ZipingError for a failed validation of one part of a request. */
export function validationError(error: z.ZodError, data: unknown, part: RequestPart): ZipingError {
  const issues = error.issues.map((issue) => withInput(issue, data, part));
  const requestIssues = part === 'json' ? issues.filter((issue) => !isFormIssue(issue)) : issues;
  if (requestIssues.length > 0) return invalidInput('invalid_request', WHAT[part], fieldIssuesOf(requestIssues));
  const formIssues = issues.map((issue) => ({ ...issue, path: issue.path.slice(1) }) as Issue);
  if (formIssues.some((issue) => issue.path.length === 0 && issue.code === 'invalid_type')) return notAForm();
  return invalidInput('invalid_form', '自评表', fieldIssuesOf(formIssues));
}
