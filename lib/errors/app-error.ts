// The one error type of the app: throw it anywhere (data layer included), the route wrapper maps `code` to an HTTP status.
// It lives outside lib/http so that lib/queries, lib/ingest, lib/engine and lib/metrics never import the HTTP layer (issue 21).
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export type FieldError = { path: string; message: string }

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    // TOO_MANY_REQUESTS: when the caller may try again (the Retry-After header)
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'AppError'
  }

  get status(): number {
    return errorStatus[this.code]
  }
}

// A 422 lists at most this many fields and says how many more there were: one invalid item in each of
// a million array entries must not become a million-entry answer (issue 18).
export const MAX_FIELD_ERRORS = 20

// `total`: how many problems were found when the caller listed only some (zodFieldErrors stops early).
export function validationError(fields: FieldError[], total = fields.length): AppError {
  const shown = fields.slice(0, MAX_FIELD_ERRORS)
  const more = Math.max(total, fields.length) - shown.length
  const summary = shown.map((f) => `${f.path || '(body)'}: ${f.message}`).join('; ')
  return new AppError('VALIDATION_FAILED', `Invalid request: ${summary}${more > 0 ? `; and ${more} more` : ''}`, shown)
}
