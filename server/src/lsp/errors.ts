// UserError → LSP ResponseError with CodeTune's application codes (message, code and hint kept); anything
// else is masked, with the details in the log. Shared by every feature's request handlers.
import { ResponseError } from 'vscode-languageserver/node';
import { CodetuneErrorCodes, type CodetuneErrorData } from '../../../shared/src/protocol/errors.js';
import type { Logger } from '../logger.js';
import { errorMessage, isUserError, type ErrorCode } from '../util/errors.js';

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

/** `area` names the part of the daemon in the masked message, e.g. "the prompt library". */
export function toResponseError(e: unknown, log: Logger, area = 'model dispatch'): ResponseError<CodetuneErrorData> {
  if (isUserError(e)) {
    if (e.code === 'cancelled') return new ResponseError(-32800 /* LSP RequestCancelled */, e.message, { code: e.code });
    return new ResponseError(CODES[e.code] ?? CodetuneErrorCodes.Internal, e.message, { code: e.code, ...(e.hint ? { hint: e.hint } : {}) });
  }
  log.error({ err: errorMessage(e) }, `${area} request failed`);
  return new ResponseError(CodetuneErrorCodes.Internal, `Internal error in ${area}; the CodeTune log has the details.`, { code: 'internal' });
}

/** Wraps a request handler so that what it throws reaches the client as a ResponseError. */
export function guarded(log: Logger, area: string) {
  return <P, R>(fn: (p: P) => Promise<R> | R) =>
    async (p: P): Promise<R> => {
      try {
        return await fn(p);
      } catch (e) {
        // vscode-jsonrpc sends a thrown ResponseError as the error reply, with its code and data
        throw toResponseError(e, log, area);
      }
    };
}
