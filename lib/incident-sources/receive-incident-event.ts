import { ZodError } from 'zod'
import { AppError, validationError } from '@/lib/http/app-error'
import { readJsonBody } from '@/lib/http/read-json-body'
import { openSourceSecret } from '@/lib/crypto/open-source-secret'
import { getIncidentSource } from '@/lib/queries/incident-sources/sources'
import { authenticatedBody, bodyDigest, MAX_SOURCE_BODY_BYTES } from '@/lib/incident-sources/authenticate'
import { applySourceItems } from '@/lib/incident-sources/apply-source-items'
import { mapPagerduty, pagerdutyEventId } from '@/lib/incident-sources/map-pagerduty'
import { mapOpsgenie } from '@/lib/incident-sources/map-opsgenie'
import { mapIncidentIo } from '@/lib/incident-sources/map-incident-io'
import { mapAlertmanager } from '@/lib/incident-sources/map-alertmanager'
import type { IncidentSourceKind, SourceItem } from '@/lib/incident-sources/source-item'

const mappers: Record<IncidentSourceKind, (value: unknown) => SourceItem[]> = {
  pagerduty: mapPagerduty, opsgenie: mapOpsgenie, incident_io: mapIncidentIo, alertmanager: mapAlertmanager,
}

// POST /api/webhooks/incidents/<source id>. An unknown source and a wrong credential are the same 401 (the
// route charges the caller's address for it, before the body is read). Incident payloads are small, so
// the events are applied in the request: the vendor's retry of a failed answer is the retry here.
export async function receiveIncidentEvent(req: Request, sourceParam: unknown) {
  const id = typeof sourceParam === 'string' && /^\d{1,9}$/.test(sourceParam) ? Number(sourceParam) : null
  const source = id === null ? null : await getIncidentSource(id)
  if (!source) throw new AppError('UNAUTHORIZED', 'No incident source has this address, or the credential is wrong.')
  const { raw, deliveryId } = await authenticatedBody(source.kind, req, () => openSourceSecret(source, 'an incident source'))
  // proven to be the source's: now read as the JSON every route reads (content type, shape limits, NUL characters)
  const body = await readJsonBody(new Request(req.url, { method: 'POST', headers: req.headers, body: new Uint8Array(raw) }), MAX_SOURCE_BODY_BYTES)
  let items: SourceItem[]
  try {
    items = mappers[source.kind](body.value)
  } catch (err) {
    if (err instanceof ZodError) throw validationError(err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
    throw err
  }
  // the sender's id of the delivery where it sends one (PagerDuty's event id, incident.io's webhook-id), else the body's digest
  const deliveryKey = deliveryId ?? (source.kind === 'pagerduty' ? pagerdutyEventId(body.value) : null) ?? bodyDigest(raw)
  const results = await applySourceItems(source, deliveryKey, items, body.raw)
  return { source: source.id, kind: source.kind, events: results }
}
