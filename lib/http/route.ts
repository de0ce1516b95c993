import type { z } from 'zod'
import { authorize, type Access, type PrincipalFor } from '@/lib/auth/access'
import { resolvePrincipal } from '@/lib/auth/principal'
import { assertSameOrigin } from '@/lib/http/same-origin'
import { assertCredentialBudget, limitFailedCredentials, limitIngest } from '@/lib/http/request-limits'
import { validationError } from '@/lib/http/app-error'
import { errorResponse } from '@/lib/http/error-response'
import { withIdempotency } from '@/lib/http/idempotency'
import { zodValidationError } from '@/lib/validation/zod-fields'

type RouteContext = { params: Promise<Record<string, string | string[]>> }

// access: who may call (lib/auth/access.ts). idempotent: honour an Idempotency-Key header (token
// routes that write; lib/http/idempotency.ts). signed: a public route whose caller proves itself with a
// signature or shared token (the webhooks): failures cost its address, and an address out of failures
// is refused before the handler reads anything.
type Options<A extends Access, Q extends z.ZodType | undefined> = { access: A; query?: Q; idempotent?: boolean; signed?: boolean }

type HandlerArgs<A extends Access, Q> = {
  req: Request
  principal: PrincipalFor<A>
  query: Q extends z.ZodType ? z.infer<Q> : undefined
  params: Record<string, string | string[]>
}

// Every route declares its rule; a test walks app/api and fails on a route without one.
export const ROUTE_ACCESS = Symbol('plimsoll.routeAccess')
export type RouteHandler = ((req: Request, context: RouteContext) => Promise<Response>) & { [ROUTE_ACCESS]: Access }

// The one wrapper every API route goes through: resolve the caller, check the rule (and, for cookie
// sessions that change something, the origin), parse the query, map every error.
export function route<A extends Access, Q extends z.ZodType | undefined = undefined>(
  options: Options<A, Q>,
  handler: (args: HandlerArgs<A, Q>) => Promise<Response>,
): RouteHandler {
  const wrapped = async (req: Request, context: RouteContext): Promise<Response> => {
    try {
      // public routes (health, webhooks checked by signature) never touch the session store
      if (options.signed) await assertCredentialBudget(req)
      const principal = options.access === 'public' ? null : authorize(await resolvePrincipal(req), options.access)
      if (principal?.kind === 'user') assertSameOrigin(req)
      if (options.access === 'ingest' && principal) await limitIngest(req, principal)
      const query = options.query ? parseQuery(options.query, req) : undefined
      const params = context?.params ? await context.params : {}
      const call = (r: Request) => handler({ req: r, principal, query, params } as HandlerArgs<A, Q>)
      return options.idempotent && principal?.kind === 'token' ? await withIdempotency(req, principal.teamId, call) : await call(req)
    } catch (err) {
      // a wrong token or webhook signature costs the caller's address (429 once it has guessed enough)
      const limited = await limitFailedCredentials(req, err, options.signed).then(() => err, (tooMany: unknown) => tooMany)
      return errorResponse(limited, { method: req.method, url: req.url })
    }
  }
  return Object.assign(wrapped, { [ROUTE_ACCESS]: options.access })
}

function parseQuery<Q extends z.ZodType>(schema: Q, req: Request): z.infer<Q> {
  const params = new URL(req.url).searchParams
  const raw: Record<string, string> = {}
  for (const [key, value] of params) raw[key] = value
  // no filter may hand PostgreSQL a NUL (a database error, so a 500, wherever it reached SQL)
  const withNul = Object.keys(raw).filter((key) => raw[key]!.includes('\u0000'))
  if (withNul.length > 0) throw validationError(withNul.map((path) => ({ path, message: 'must not contain a NUL character' })))
  const result = schema.safeParse(raw)
  if (!result.success) throw zodValidationError(result.error)
  return result.data
}

// parseBody lives beside zodValidationError (lib/validation) so that the data layer can parse without importing
// lib/http (issue 21); routes keep importing it from here.
export { parseBody } from '@/lib/validation/zod-fields'
