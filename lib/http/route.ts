import type { z } from 'zod'
import { resolveCaller, type Caller } from '@/lib/auth/resolve-caller'
import { validationError } from '@/lib/http/app-error'
import { errorResponse } from '@/lib/http/error-response'
import { withIdempotency } from '@/lib/http/idempotency'
import { zodFieldErrors } from '@/lib/validation/zod-fields'

type RouteContext = { params: Promise<Record<string, string | string[]>> }

// idempotent: honour an Idempotency-Key header (token routes that write; lib/http/idempotency.ts)
type Options<Q extends z.ZodType | undefined> = { auth: 'token' | 'public'; query?: Q; idempotent?: boolean }

type HandlerArgs<A, Q> = {
  req: Request
  caller: A extends 'token' ? Caller : null
  query: Q extends z.ZodType ? z.infer<Q> : undefined
  params: Record<string, string | string[]>
}

// The one wrapper every API route goes through: resolve the caller, parse the query, map every error.
export function route<A extends 'token' | 'public', Q extends z.ZodType | undefined = undefined>(
  options: Options<Q> & { auth: A },
  handler: (args: HandlerArgs<A, Q>) => Promise<Response>,
) {
  return async (req: Request, context: RouteContext): Promise<Response> => {
    try {
      const caller = options.auth === 'token' ? await resolveCaller(req) : null
      const query = options.query ? parseQuery(options.query, req) : undefined
      const params = context?.params ? await context.params : {}
      const call = (r: Request) => handler({ req: r, caller, query, params } as HandlerArgs<A, Q>)
      return options.idempotent && caller ? await withIdempotency(req, caller.teamId, call) : await call(req)
    } catch (err) {
      return errorResponse(err, { method: req.method, url: req.url })
    }
  }
}

function parseQuery<Q extends z.ZodType>(schema: Q, req: Request): z.infer<Q> {
  const params = new URL(req.url).searchParams
  const raw: Record<string, string> = {}
  for (const [key, value] of params) raw[key] = value
  const result = schema.safeParse(raw)
  if (!result.success) throw validationError(zodFieldErrors(result.error))
  return result.data
}

export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw validationError(zodFieldErrors(result.error))
  return result.data
}
