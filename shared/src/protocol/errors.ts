// Application error codes for LSP ResponseErrors. JSON-RPC reserves -32768..-32000 and LSP -32899..-32800,
// so CodeTune's codes live in -31999..-31900 (see vscode-languageserver-protocol's api.ts for the ranges).
export const CodetuneErrorCodes = {
  BadRequest: -31900,
  NotFound: -31901,
  Conflict: -31902,
  Validation: -31903,
  Upstream: -31904,
  UpstreamUnavailable: -31905,
  Timeout: -31906,
  RateLimited: -31907,
  DatabaseUnavailable: -31908,
  Internal: -31999,
} as const;
export type CodetuneErrorCode = (typeof CodetuneErrorCodes)[keyof typeof CodetuneErrorCodes];

/** `data` of a CodeTune ResponseError: the stable string code and what the user can do. */
export interface CodetuneErrorData {
  code: string;
  hint?: string;
}
