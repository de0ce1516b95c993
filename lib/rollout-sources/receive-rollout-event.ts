import { ZodError } from 'zod'
import { AppError, validationError } from '@/lib/errors/app-error'
import { readJsonBody } from '@/lib/http/read-json-body'
import { openSourceSecret } from '@/lib/crypto/open-source-secret'
import { sharedTokenValid } from '@/lib/incident-sources/signatures'
import { bodyDigest } from '@/lib/incident-sources/authenticate'
import { getRolloutSource } from '@/lib/queries/rollout-sources/sources'
import { applyRolloutEvent } from '@/lib/rollout-sources/apply-rollout-event'
import { mapFlagger } from '@/lib/rollout-sources/map-flagger'
import { mapArgoRollouts } from '@/lib/rollout-sources/map-argo-rollouts'
import type { RolloutEvent, RolloutSourceKind } from '@/lib/rollout-sources/rollout-event'

// One rollout event is a few hundred bytes (a Flagger payload, our Argo Rollouts template's body).
export const MAX_ROLLOUT_BODY_BYTES = 64 * 1024

const mappers: Record<RolloutSourceKind, (value: unknown, receivedAt: Date) => RolloutEvent> = { flagger: mapFlagger, argo_rollouts: mapArgoRollouts }

const unauthorized = () => new AppError('UNAUTHORIZED', 'No rollout source has this address, or the token is wrong.')

// Neither tool signs its deliveries, so each source has a token: in a header where the sender can set one
// (Argo Rollouts' webhook service), else in the URL path (Flagger's webhooks take a URL only).
function tokenOf(req: Request, pathToken: unknown): string | null {
  if (typeof pathToken === 'string' && pathToken.length > 0) return pathToken
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '')?.[1]
  return bearer ?? req.headers.get('x-plimsoll-token')
}

// POST /api/webhooks/rollouts/<source id>[/<token>]. An unknown source and a wrong token are the same 401,
// decided before the body is read (the route charges the caller's address for it).
export async function receiveRolloutEvent(req: Request, sourceParam: unknown, pathToken?: unknown) {
  const id = typeof sourceParam === 'string' && /^\d{1,9}$/.test(sourceParam) ? Number(sourceParam) : null
  const source = id === null ? null : await getRolloutSource(id)
  const given = tokenOf(req, pathToken)
  if (!source || given === null || given.length > 500 || !sharedTokenValid(given, openSourceSecret(source, 'a rollout source'))) throw unauthorized()
  const receivedAt = new Date()
  const body = await readJsonBody(req, MAX_ROLLOUT_BODY_BYTES)
  let event: RolloutEvent
  try {
    event = mappers[source.kind](body.value, receivedAt)
  } catch (err) {
    if (err instanceof ZodError) throw validationError(err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
    throw err
  }
  // neither tool sends a delivery id: the body's digest is the event's (Flagger's holds the event's time in ms)
  const result = await applyRolloutEvent(source, bodyDigest(Buffer.from(body.raw)), event, body.raw, receivedAt)
  return { source: source.id, kind: source.kind, ...result }
}
