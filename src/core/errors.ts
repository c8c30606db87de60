/**
 * The one error type of Ziping. Every failure a user can cause ends as a ZipingError with a
 * stable `code` for programs, a Chinese `message` for people, the HTTP status it maps to, and,
 * for bad input, one entry per failing field.
 */
export interface FieldIssue {
  /** Dotted path in the submitted document, e.g. `indicators.3.weight`. */
  path: string;
  /** Stable machine code, e.g. `too_small`, `required`. */
  code: string;
  /** Chinese, names the field: `分值必须是非负数`. */
  message: string;
}

export type ErrorCode =
  | 'invalid_json'
  | 'invalid_form'
  | 'invalid_request'
  | 'not_found'
  | 'version_conflict'
  | 'precondition_required'
  | 'payload_too_large'
  | 'unknown_profile'
  | 'store_locked'
  | 'store_corrupt'
  | 'model_error'
  | 'model_timeout'
  | 'model_rate_limited'
  | 'template_error'
  | 'internal_error'
  // issue #8 (hardening): limits, content types, cross-site and rebinding, bounded model calls
  | 'non_finite_number'
  | 'chat_too_long'
  | 'unsupported_media_type'
  | 'cross_site_request'
  | 'misdirected_request'
  | 'model_output_too_long';

const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_form: 422,
  invalid_request: 400,
  not_found: 404,
  version_conflict: 409,
  precondition_required: 428,
  payload_too_large: 413,
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
  unsupported_media_type: 415,
  cross_site_request: 403,
  misdirected_request: 421,
  model_output_too_long: 502,
};

export class ZipingError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues?: FieldIssue[];
  /** Extra data a client needs to recover, e.g. the current version on a 409. */
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ZipingError';
    this.code = code;
    this.status = STATUS[code];
    this.issues = options.issues;
    this.details = options.details;
  }

  /** The public JSON body: `{ error: { code, message, issues?, ...details } }`. */
  toJSON(): { error: Record<string, unknown> } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
        ...(this.details ?? {}),
      },
    };
  }
}

/** One line per field issue, for terminals: `indicators.3.weight: 分值必须是非负数`. */
export function formatFieldIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path || '(根)'}: ${i.message}`).join('\n');
}
