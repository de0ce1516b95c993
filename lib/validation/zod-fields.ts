import type { ZodError } from 'zod'
import type { FieldError } from '@/lib/http/app-error'

// "commits.0.sha" style paths, the same in every 422 the API returns.
// An unknown key is reported at its own path ("commits.0.shaa: unknown field"), not at its parent.
export function zodFieldErrors(err: ZodError, prefix: (string | number)[] = []): FieldError[] {
  return err.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path].map(String)
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'unknown field' }))
    }
    return [{ path: base.join('.'), message: issue.message }]
  })
}
