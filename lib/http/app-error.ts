// The one error type of the app: throw it anywhere, the route wrapper maps `code` to an HTTP status.
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

export function validationError(fields: FieldError[]): AppError {
  const summary = fields.map((f) => `${f.path || '(body)'}: ${f.message}`).join('; ')
  return new AppError('VALIDATION_FAILED', `Invalid request: ${summary}`, fields)
}
