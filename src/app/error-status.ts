/**
 * The HTTP status of each error code. A Record over every ErrorCode: a new code does not
 * type-check until it has a status here, and the OpenAPI error schema lists exactly these codes.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../core/errors.js';

export const STATUS_OF_CODE: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_json: 400,
  invalid_form: 422,
  invalid_request: 400,
  not_found: 404,
  version_conflict: 409,
  precondition_required: 428,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unknown_profile: 422,
  store_locked: 500,
  store_corrupt: 500,
  model_error: 502,
  model_timeout: 504,
  model_rate_limited: 503,
  template_error: 500,
  internal_error: 500,
  non_finite_number: 422,
  chat_too_long: 409,
  cross_site_request: 403,
  misdirected_request: 421,
  model_output_too_long: 502,
  unsupported_file_type: 415,
  legacy_xls: 415,
  encrypted_workbook: 422,
  import_limit_exceeded: 413,
  import_unreadable: 422,
  invalid_transition: 409,
  // 423, not 409: clients treat 409 as a stale version to merge; a locked form waits for the reviewer
  form_locked: 423,
  rate_limited: 429,
  budget_exhausted: 429,
  unauthorized: 401,
  forbidden: 403,
  csrf_rejected: 403,
  user_exists: 409,
  account_disabled: 403,
  last_admin: 409,
};

/** Every error code, for the API document. */
export const ERROR_CODES = Object.keys(STATUS_OF_CODE) as [ErrorCode, ...ErrorCode[]];
