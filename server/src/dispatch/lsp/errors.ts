// UserError → LSP ResponseError with CodeTune's application codes; anything else is masked.
import { ResponseError } from 'vscode-languageserver/node';
import { CodetuneErrorCodes, type CodetuneErrorData } from '../../../../shared/src/protocol/errors.js';
import type { Logger } from '../../logger.js';
import { errorMessage, isUserError, type ErrorCode } from '../../util/errors.js';

const CODES: Partial<Record<ErrorCode, number>> = {
  bad_request: CodetuneErrorCodes.BadRequest,
  validation_failed: CodetuneErrorCodes.Validation,
  not_found: CodetuneErrorCodes.NotFound,
  conflict: CodetuneErrorCodes.Conflict,
  upstream_error: CodetuneErrorCodes.Upstream,
  upstream_unavailable: CodetuneErrorCodes.UpstreamUnavailable,
  timeout: CodetuneErrorCodes.Timeout,
  rate_limited: CodetuneErrorCodes.RateLimited,
  database_unavailable: CodetuneErrorCodes.DatabaseUnavailable,
};

export function toResponseError(e: unknown, log: Logger): ResponseError<CodetuneErrorData> {
  if (isUserError(e)) {
    if (e.code === 'cancelled') return new ResponseError(-32800 /* LSP RequestCancelled */, e.message, { code: e.code });
    return new ResponseError(CODES[e.code] ?? CodetuneErrorCodes.Internal, e.message, { code: e.code, ...(e.hint ? { hint: e.hint } : {}) });
  }
  log.error({ err: errorMessage(e) }, 'dispatch request failed');
  return new ResponseError(CodetuneErrorCodes.Internal, 'Internal error in model dispatch; the CodeTune log has the details.', { code: 'internal' });
}
