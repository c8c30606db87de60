/**
 * The one error type of Ziping. Every failure a user can cause ends as a ZipingError with a
 * stable `code` for programs, a Chinese `message` for people, and, for bad input, one entry per
 * failing field. Core has no HTTP: the status of each code lives in src/app/error-status.ts.
 */
import { placeOf } from './schema/field-labels.js';

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
  | 'unsupported_media_type'
  | 'unknown_profile'
  | 'store_locked'
  | 'store_corrupt'
  | 'model_error'
  | 'model_timeout'
  | 'model_rate_limited'
  | 'template_error'
  | 'internal_error'
  // issue #8 (hardening): limits, cross-site and rebinding, bounded model calls
  | 'non_finite_number'
  | 'chat_too_long'
  | 'cross_site_request'
  | 'misdirected_request'
  | 'model_output_too_long'
  // import (issue 10): files that cannot be imported, each with its own code
  | 'unsupported_file_type'
  | 'legacy_xls'
  | 'encrypted_workbook'
  | 'import_limit_exceeded'
  | 'import_unreadable'
  // review (issue 12): a move the workflow does not have; a change to a submitted or accepted form
  | 'invalid_transition'
  | 'form_locked'

  // accounts (issue #12): sign-in, rights, CSRF
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_rejected'
  | 'user_exists'
  // a revoked (disabled) account; revoking the last active administrator
  | 'account_disabled'
  | 'last_admin'
  // quotas (issue 12): drafting and chat too often, or a unit's daily model tokens used up
  | 'rate_limited'
  | 'budget_exhausted';

export class ZipingError extends Error {
  readonly code: ErrorCode;
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

/** One line per field issue, for terminals: `第4行 分值（indicators.3.weight）：分值必须是非负数`. */
export function formatFieldIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path ? placeOf(i.path) : '(根)'}：${i.message}`).join('\n');
}
