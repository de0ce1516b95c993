import type { z, ZodError } from 'zod'
import { MAX_FIELD_ERRORS, validationError, type AppError, type FieldError } from '@/lib/errors/app-error'

// "commits.0.sha" style paths, the same in every 422 the API returns.
// An unknown key is reported at its own path ("commits.0.shaa: unknown field"), not at its parent.
// At most `max` entries (a 422 lists no more than MAX_FIELD_ERRORS); zodFieldCount tells the total.
export function zodFieldErrors(err: ZodError, prefix: (string | number)[] = [], max = MAX_FIELD_ERRORS): FieldError[] {
  return err.issues.slice(0, max).flatMap((issue) => {
    const base = [...prefix, ...issue.path].map(String)
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'unknown field' }))
    }
    return [{ path: base.join('.'), message: issue.message }]
  }).slice(0, max)
}

export function zodFieldCount(err: ZodError): number {
  let n = 0
  for (const issue of err.issues) n += issue.code === 'unrecognized_keys' ? issue.keys.length : 1
  return n
}

// The 422 for a failed zod parse: the first fields and how many more.
export function zodValidationError(err: ZodError): AppError {
  return validationError(zodFieldErrors(err), zodFieldCount(err))
}

// A request body (already read and size-checked) through its schema: the value, or a 422 naming each field.
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw zodValidationError(result.error)
  return result.data
}
