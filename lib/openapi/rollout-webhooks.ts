import { toSchema } from '@/lib/openapi/json-schema'
import { argoRolloutsPayloadSchema } from '@/lib/rollout-sources/map-argo-rollouts'
import { flaggerPayloadSchema } from '@/lib/rollout-sources/map-flagger'

// The rollout receivers (issue 22, docs/strategies.md): public routes, authenticated by the source's token.
const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
const answer = {
  description: 'What became of the event: `state` applied (to the deployment named by `deployment`), ignored (`note` says why) '
    + 'or duplicate (received before; nothing changed)',
  content: { 'application/json': { schema: { type: 'object', properties: { data: {
    type: 'object',
    properties: {
      source: { type: 'integer' }, kind: { type: 'string', enum: ['flagger', 'argo_rollouts'] }, target: { type: 'string', description: 'namespace/name' },
      state: { type: 'string', enum: ['applied', 'ignored', 'duplicate'] }, deployment: { type: ['string', 'null'] }, note: { type: ['string', 'null'] },
    },
  } } } } },
}
const responses = {
  '200': answer,
  '401': { description: 'No source has this id, or the token is not its token; nothing is stored', ...error },
  '413': { description: 'Body over 64 KiB', ...error },
  '415': { description: 'Content-Type is not application/json', ...error },
  '422': { description: 'The body is not the tool\'s payload; `fields` names each bad field; nothing is stored', ...error },
  '503': { description: 'Database unreachable; the tool\'s retry is the retry', ...error },
}
const sourceId = {
  name: 'source', in: 'path', required: true, schema: { type: 'integer' }, description: 'The rollout source\'s id (Settings > Rollout sources)',
}
const body = (schema: Record<string, unknown>) => ({ required: true, content: { 'application/json': { schema } } })

export const rolloutWebhookPaths = {
  '/api/webhooks/rollouts/{source}': {
    post: {
      summary: 'Receive an Argo Rollouts notification',
      description: 'The body docs/ci/argo-rollouts-notifications.yaml renders at the triggers on-rollout-updated (the revision starts), '
        + 'on-rollout-step-completed (a setWeight step: a traffic step), on-rollout-paused (blue/green: ready), on-rollout-completed (promoted), '
        + 'on-rollout-aborted (aborted: failed, blast radius the highest share reached) and on-analysis-run-failed (failed). The deployment is '
        + '`namespace/rollout#revision` of the service `service` (default: the Rollout\'s name). Token: `Authorization: Bearer <token>` or '
        + '`X-Plimsoll-Token`. A body received before is a duplicate and changes nothing.',
      security: [],
      parameters: [sourceId],
      requestBody: body(toSchema(argoRolloutsPayloadSchema, 'input')),
      responses,
    },
  },
  '/api/webhooks/rollouts/{source}/{token}': {
    post: {
      summary: 'Receive a Flagger event webhook',
      description: 'Flagger\'s `event` webhook payload (CanaryWebhookPayload: the event in `metadata.eventMessage`, its time in '
        + '`metadata.timestamp`, Unix ms). "New revision detected" starts a deployment of the service `metadata.service` (default: the Canary\'s '
        + 'name) to `metadata.environment` (default production); "Starting canary analysis" is readiness; "Advance ... canary weight N" a step '
        + '(canary); iterations and "Routing all traffic to canary" blue/green (or `metadata.strategy`); "Promotion completed" promotes; '
        + '"Rolling back" aborts and "Canary failed" fails it; a restarted analysis cancels the rollout it replaces. Flagger sets no headers, so '
        + 'the token is the last path segment (the header forms work too). A body received before is a duplicate and changes nothing.',
      security: [],
      parameters: [sourceId, { name: 'token', in: 'path', required: true, schema: { type: 'string' }, description: 'The source\'s token' }],
      requestBody: body(toSchema(flaggerPayloadSchema, 'input')),
      responses,
    },
  },
}
