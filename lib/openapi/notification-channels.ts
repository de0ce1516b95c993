import { toQueryParameters, toSchema } from '@/lib/openapi/json-schema'
import { createChannelSchema, deliveriesQuery, updateChannelSchema } from '@/lib/validation/notifications'

// A team's notification channels (docs/notifications.md): people's sessions, or a team token for its own team.
const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
const data = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } })
const security = [{ session: [] }, { bearer: [] }]
const writeErrors = {
  '401': { description: 'Not signed in, or no valid token', ...error },
  '403': { description: 'Not an admin or a maintainer of the channel\'s team', ...error },
  '404': { description: 'No such channel', ...error },
  '422': { description: 'Validation failed; `fields` names each bad field (an internal destination: `url` or `host`, with the reason)', ...error },
  '503': { description: 'Database unreachable', ...error },
}
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }
const body = (schema: Record<string, unknown>) => ({ required: true, content: { 'application/json': { schema } } })

export const notificationChannelPaths = {
  '/api/settings/notification-channels': {
    get: { summary: 'List notification channels', description: 'The readable teams\' channels; destinations without their secrets.', security,
      responses: { '200': data('The channels'), ...writeErrors } },
    post: {
      summary: 'Add a notification channel',
      description: 'Slack or Teams incoming webhook, e-mail over SMTP, or a JSON webhook signed with HMAC-SHA256 (`X-Plimsoll-Signature: '
        + 't=<unix>,v1=<hex>` over `<t>.<body>`). The URL or SMTP host is refused when it is, or resolves to, a loopback, private, '
        + 'link-local or metadata address not on the outbound allow-list. A signing secret Plimsoll makes is in this answer only.',
      security, requestBody: body(toSchema(createChannelSchema, 'input')),
      responses: { '201': data('The channel'), '409': { description: 'The team has a channel of that name', ...error }, ...writeErrors },
    },
  },
  '/api/settings/notification-channels/{id}': {
    patch: {
      summary: 'Rename a channel, choose its kinds, turn it on or off', security, parameters: [id], requestBody: body(toSchema(updateChannelSchema, 'input')),
      responses: { '200': data('The channel'), ...writeErrors },
    },
    delete: { summary: 'Remove a channel and its delivery log', security, parameters: [id], responses: { '200': data('Removed'), ...writeErrors } },
  },
  '/api/settings/notification-channels/{id}/test': {
    post: { summary: 'Send a test message', description: 'Queued like every alert; its outcome shows in the delivery log.', security, parameters: [id],
      responses: { '202': data('Queued'), ...writeErrors } },
  },
  '/api/settings/notification-channels/{id}/deliveries': {
    get: {
      summary: 'A channel\'s delivery log', description: 'One row per attempt, newest first: time, kind, title, delivery state, attempt, '
        + 'outcome (sent, failed, refused), the answer\'s status code and detail (200 characters at most).',
      security: [{ session: [] }], parameters: [id, ...toQueryParameters(deliveriesQuery)], responses: { '200': data('The attempts'), ...writeErrors },
    },
  },
}
