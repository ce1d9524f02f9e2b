// Errors a user can act on. `message` says what happened, `hint` what to do; both are safe to show
// (never secrets, never stack traces). Anything that is not a UserError is an internal error and is
// masked at the HTTP / LSP boundary.
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'validation_failed'
  | 'config_invalid'
  | 'database_unavailable'
  | 'data_dir_unwritable'
  | 'port_in_use'
  | 'upstream_error'
  | 'upstream_unavailable'
  | 'timeout'
  | 'cancelled'
  | 'rate_limited'
  | 'payload_too_large'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  config_invalid: 500,
  database_unavailable: 503,
  data_dir_unwritable: 500,
  port_in_use: 500,
  upstream_error: 502,
  upstream_unavailable: 503,
  timeout: 504,
  cancelled: 499,
  internal: 500,
};

export class UserError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, opts: { hint?: string; cause?: unknown; details?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'UserError';
    this.code = code;
    this.hint = opts.hint;
    this.details = opts.details;
  }
  get status(): number {
    return STATUS[this.code];
  }
  /** One line for a terminal or a notification: what happened, then what to do. */
  describe(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
