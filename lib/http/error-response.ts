import { ZodError } from 'zod'
import { AppError, errorStatus, MAX_FIELD_ERRORS } from '@/lib/http/app-error'
import { isDatabaseUnavailable } from '@/lib/http/database-unavailable'
import { isUnstorableText } from '@/lib/http/unstorable-text'
import { zodValidationError } from '@/lib/validation/zod-fields'
import { logger } from '@/lib/logger'

const RETRY_AFTER_SECONDS = '5'

// Every error leaves the API as { error: { code, message, fields? } }; internals go to the log only.
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  if (err instanceof ZodError) return zodValidationError(err)
  if (isDatabaseUnavailable(err)) return new AppError('DATABASE_UNAVAILABLE', 'The database is unreachable; retry shortly.')
  if (isUnstorableText(err)) return new AppError('VALIDATION_FAILED', 'The request holds text that cannot be stored: a NUL character or an unpaired surrogate.')
  const code = (err as { code?: unknown })?.code
  if (code === 'P2025') return new AppError('NOT_FOUND', 'Record not found.')
  if (code === 'P2002') return new AppError('CONFLICT', 'A record with the same unique key already exists.')
  return new AppError('INTERNAL', 'Internal server error.')
}

export function errorResponse(err: unknown, context: Record<string, unknown> = {}): Response {
  const appError = toAppError(err)
  const status = errorStatus[appError.code]
  if (status >= 500) logger.error({ err, ...context }, appError.message)
  const headers: Record<string, string> = {}
  if (appError.code === 'DATABASE_UNAVAILABLE') headers['Retry-After'] = RETRY_AFTER_SECONDS
  // the rest of a body too slow to arrive is not waited for: Node closes the connection after the answer
  if (appError.code === 'REQUEST_TIMEOUT') headers.Connection = 'close'
  if (appError.code === 'TOO_MANY_REQUESTS') headers['Retry-After'] = String(Math.max(1, Math.ceil(appError.retryAfterSeconds ?? 1)))
  const body = { error: { code: appError.code, message: appError.message, ...(appError.fields ? { fields: appError.fields.slice(0, MAX_FIELD_ERRORS) } : {}) } }
  return Response.json(body, { status, headers })
}
