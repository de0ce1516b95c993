import { deploymentBodySchema, listDeploymentsQuery } from '@/lib/validation/deployments'
import { devlakeDeploymentSchema } from '@/lib/validation/devlake'
import { incidentBodySchema, listIncidentsQuery } from '@/lib/validation/incidents'
import { deploymentDtoSchema, errorBodySchema, incidentDtoSchema, outcomeSchema } from '@/lib/validation/responses'
import { metricRecordsQuery, metricsQuery, strategiesQuery } from '@/lib/validation/metrics'
import { scanDtoSchema, scanUploadQuery } from '@/lib/validation/scans'
import { postureQuery } from '@/lib/validation/posture-scans'
import { complianceMetricDtoSchema } from '@/lib/validation/compliance-metric'
import { availabilityResultSchema, listChecksQuery, probeCheckBodySchema, sloBodySchema } from '@/lib/validation/availability'
import { requestWindowSchema } from '@/lib/validation/request-window'
import { metricNames } from '@/lib/metrics/definitions'
import { leadTimeStagesDtoSchema } from '@/lib/validation/lead-time-stages'
import { pullRequestBodySchema } from '@/lib/validation/pull-requests'
import { goalBodySchema, listGoalsQuery } from '@/lib/validation/goals'
import { quarterlyReportQuery } from '@/lib/validation/reports'
import { toQueryParameters, toSchema } from '@/lib/openapi/json-schema'
import { rolloutWebhookPaths } from '@/lib/openapi/rollout-webhooks'
import { notificationChannelPaths } from '@/lib/openapi/notification-channels'
import { dashboardQueryDoc } from '@/lib/dashboard/dashboard-query'
import { deploymentFeedRouteQuery } from '@/lib/validation/deployment-feed'
import { auditExportQuery } from '@/lib/validation/audit-log'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } })
const errors = {
  '400': { description: 'Malformed JSON', ...json(ref('Error')) },
  '401': { description: 'Missing, unknown or revoked token', ...json(ref('Error')) },
  '403': { description: 'The token may not use that team, or lacks the scope', ...json(ref('Error')) },
  '408': { description: 'Body not received in full within PLIMSOLL_BODY_TIMEOUT_MS (30 s by default); the connection is closed', ...json(ref('Error')) },
  '413': { description: 'Body over 1 MiB', ...json(ref('Error')) },
  '415': { description: 'Content-Type is not application/json', ...json(ref('Error')) },
  '422': { description: 'Validation failed; `fields` lists each bad field path', ...json(ref('Error')) },
  '503': { description: 'Database unreachable; retry after the Retry-After header', ...json(ref('Error')) },
}
// every ingest POST: a retry with the same key is answered from the first answer instead of written again
const idempotencyKey = {
  name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 },
  description: 'Any 1-255 visible ASCII characters, new for each request (a UUID). A retry with the same key, endpoint and body gets the first 2xx answer again (header `Idempotent-Replayed: true`) and writes nothing; the same key with another request is a 422. Keys are kept 24 hours.',
}
const stillRunning = { '409': { description: 'The first request with this Idempotency-Key is still running; retry after the Retry-After header', ...json(ref('Error')) } }
const readErrors = { '401': errors['401'], '403': errors['403'], '422': errors['422'], '503': errors['503'] }
const page = (item: string) => json({ type: 'object', properties: { data: { type: 'array', items: ref(item) }, nextCursor: { type: ['string', 'null'] } }, required: ['data', 'nextCursor'] })
// The dashboard's own routes: a signed-in person's session cookie, JSON or (format=csv) a CSV download.
const session = [{ session: [] }]
const dashboardErrors = {
  '401': { description: 'Not signed in', ...json(ref('Error')) },
  '403': { description: 'An API token: these routes are for signed-in people', ...json(ref('Error')) },
  '422': errors['422'], '503': errors['503'],
}
const jsonOrCsv = (what: string) => ({
  '200': {
    description: `${what}: JSON, or with format=csv a CSV attachment (a header row, then one row per record)`,
    content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } },
  },
})
const binaryReport = {
  'application/pdf': { schema: { type: 'string', format: 'binary' } },
  'text/csv': { schema: { type: 'string' } },
  'application/json': { schema: { type: 'object' } },
}
const written = (data: unknown) => json({ type: 'object', properties: { data, outcome: ref('Outcome') }, required: ['data', 'outcome'] })

// OpenAPI 3.1, generated from the same zod schemas that validate requests.
export function buildOpenApiDocument(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Plimsoll ingest API',
      version: '1',
      description: 'Record deployments and incidents; read them back. Authenticate with `Authorization: Bearer <token>` (create one with `npm run token -- create --team <slug>`). A 2xx means the event is committed.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/deployments': {
        post: {
          summary: 'Record a deployment',
          description: 'Creates the deployment (201) or, for a known (service, id), updates it or changes nothing (200). Also accepts the body of Apache DevLake\'s webhook plugin; then `data` is an array (one deployment per repository).',
          parameters: [{ name: 'service', in: 'query', required: false, description: 'DevLake bodies only: the service to file the deployment under instead of the one named by the repository.', schema: { type: 'string' } }, idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [ref('DeploymentInput'), ref('DevlakeDeploymentInput')] } } } },
          responses: {
            '201': { description: 'Created', ...written({ oneOf: [ref('Deployment'), { type: 'array', items: ref('Deployment') }] }) },
            '200': { description: 'Updated, or an idempotent replay', ...written({ oneOf: [ref('Deployment'), { type: 'array', items: ref('Deployment') }] }) },
            ...errors,
            ...stillRunning,
          },
        },
        get: {
          summary: 'List deployments',
          description: 'The token\'s team\'s deployments: in progress first, then newest finished first. Pass `nextCursor` as `cursor` for the next page.',
          parameters: toQueryParameters(listDeploymentsQuery),
          responses: { '200': { description: 'A page', ...page('Deployment') }, ...readErrors },
        },
      },
      '/api/v1/incidents': {
        post: {
          summary: 'Create or update an incident',
          description: 'By external id: the first post creates it (title and openedAt required), later posts update the fields they send, e.g. resolvedAt.',
          parameters: [idempotencyKey],
          requestBody: { required: true, ...json(ref('IncidentInput')) },
          responses: { '201': { description: 'Created', ...written(ref('Incident')) }, '200': { description: 'Updated or unchanged', ...written(ref('Incident')) }, ...errors, ...stillRunning },
        },
        get: {
          summary: 'List incidents',
          parameters: toQueryParameters(listIncidentsQuery),
          responses: { '200': { description: 'A page', ...page('Incident') }, ...readErrors },
        },
      },
      '/api/v1/pull-requests': {
        post: {
          summary: 'Create or update a pull request',
          description: 'For hosts without a connector (GitHub and GitLab are read from their webhooks). By service and number: each time is the earliest '
            + 'ever sent (a later post never moves one forward), title, author, labels and size the latest post\'s. `mergeSha` links the merge commit '
            + '(its change gets the number). The stages of lead time are computed from these times (docs/metrics.md, "Lead time stages").',
          parameters: [idempotencyKey],
          requestBody: { required: true, ...json(ref('PullRequestInput')) },
          responses: { '201': { description: 'Created' }, '200': { description: 'Updated or unchanged' }, ...errors, ...stillRunning },
        },
      },
      '/api/v1/scans': {
        post: {
          summary: 'Upload a scanner report',
          description: 'One report per request, for a service: OpenSCAP XCCDF 1.2 results or ARF (`oscap xccdf eval --results` / `--results-arf`), Trivy JSON (image, config, k8s), Grype JSON, SARIF 2.1.0, kube-bench, Kubescape, Checkov or KICS JSON, detected from the content (or named with `format`). Misconfiguration-only Trivy reports and SARIF logs are posture scans (`kind` posture), never vulnerability scans; `kind=posture` takes the misconfigurations of a Trivy report that holds both. Up to 100 MiB, also with `Content-Encoding: gzip`. XML with a DOCTYPE or entity declarations, truncated documents, wrong root elements and JSON of the wrong shape are refused (422). The scan is stored whole or not at all; the same report uploaded again (sha256 of its content) is answered 200 `unchanged`. Scores: docs/compliance.md.',
          parameters: [...toQueryParameters(scanUploadQuery.partial()), idempotencyKey],
          requestBody: {
            required: true,
            description: 'The report as the body (fields in the query string; `service` is required there), or a multipart/form-data form: the report as the file part `file` and the same fields as form fields (a field also in the query string must have the same value). Unknown, repeated or over-1-KiB form fields are a 422 naming the field.',
            content: {
              ...Object.fromEntries(['application/xml', 'application/json', 'application/gzip', 'application/octet-stream'].map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
              'multipart/form-data': { schema: scanUploadForm() },
            },
          },
          responses: {
            '201': { description: 'Stored', ...written(ref('Scan')) },
            '200': { description: 'The same report was already stored for this service', ...written(ref('Scan')) },
            ...errors,
            '413': { description: 'Report over 100 MiB (on the wire or uncompressed)', ...json(ref('Error')) },
            '415': { description: 'Content-Encoding other than gzip (none on a form)', ...json(ref('Error')) },
            '422': { description: 'Invalid query or form fields, or a report that is hostile, truncated or of an unknown shape', ...json(ref('Error')) },
            ...stillRunning,
          },
        },
      },
      '/api/v1/posture': {
        get: {
          summary: 'Controls matrix of a service',
          description: 'The latest posture scan of the service (Trivy misconfigurations, kube-bench, Kubescape, Checkov, KICS) as a matrix: per workload, each control of docs/compliance.md (runs as non-root, no privileged container, ... and "other" for unmapped checks) `pass`, `fail` or `not_checked`, with the failing checks (`family/id`). `scan` is null without a posture scan.',
          parameters: toQueryParameters(postureQuery),
          responses: { '200': { description: 'The matrix', ...json({ type: 'object' }) }, ...readErrors },
        },
      },
      '/api/v1/availability': {
        post: {
          summary: 'Record an external probe result, or a window of request counts',
          description: 'Either one result of a probe run outside Plimsoll, for a check of the service (created on its first result). It counts like the worker\'s own probes: a state change at the first failing and the first passing result (availability\'s downtime), an outage incident (source `probe`) after 3 failures in a row, resolved by the next pass. A result not after the check\'s last one is answered 200 `unchanged`. '
            + 'Or, with `"indicator": "requests"`, the good and total requests of a window of whole minutes (one minute or more): it replaces every stored window of the service it overlaps, never adds to them (the same window again: 200 `unchanged`; replacing others: 200 `updated`). Request-based availability = sum of good / sum of total; a window with no traffic counts neither way.',
          parameters: [idempotencyKey],
          requestBody: { required: true, ...json({ oneOf: [ref('AvailabilityResult'), ref('RequestWindow')] }) },
          responses: { '201': { description: 'Recorded', ...written({ type: 'object' }) }, '200': { description: 'Nothing changed (a result not after the check\'s last one, or the same window again), or windows replaced', ...written({ type: 'object' }) }, ...errors, ...stillRunning },
        },
      },
      '/api/v1/checks': {
        post: {
          summary: 'Create or reconfigure a probe check',
          description: 'HTTP(S) (method, URL, expected status range, optional body substring) or TCP connect, by (service, name), run by the worker every `intervalSeconds` (at least 10) with its own `timeoutMs` deadline. A target that is, or resolves to, a loopback, private, link-local, CGNAT or cloud-metadata address is a 422 on `url` or `host` unless an admin allow-listed it; `bodyContains` needs an allow-listed target.',
          requestBody: { required: true, ...json(ref('ProbeCheckInput')) },
          responses: {
            '201': { description: 'Created', ...written({ type: 'object' }) }, '200': { description: 'Updated', ...written({ type: 'object' }) }, ...errors,
            '409': { description: 'The team has PLIMSOLL_MAX_CHECKS_PER_TEAM enabled checks already', ...json(ref('Error')) },
          },
        },
        get: {
          summary: 'List probe checks',
          description: 'The token\'s team\'s checks with their current state (`lastUp`, `consecutiveFailures`, `downSince`).',
          parameters: toQueryParameters(listChecksQuery),
          responses: { '200': { description: 'The checks', ...json({ type: 'object' }) }, ...readErrors },
        },
      },
      '/api/v1/slos': {
        post: {
          summary: 'Set a service\'s SLO',
          description: 'The availability target (percent, default 99.9) and the window its error budget is counted over: `rolling_30d` (default), `rolling_28d`, `calendar_month` or `calendar_quarter` (UTC), and the indicator it is measured by (`auto`, `probes` or `requests`). Shown in the metrics report (`availability.summary.services[].slo`) and on /availability.',
          requestBody: { required: true, ...json(ref('SloInput')) },
          responses: { '200': { description: 'Saved', ...json({ type: 'object' }) }, ...errors },
        },
      },
      '/api/v1/goals': {
        get: {
          summary: 'List goals',
          description: 'The goals of the teams the caller may read (a token: its team\'s): `id`, `team`, `service` (null: the team\'s goal), `metric`, `target`.',
          parameters: toQueryParameters(listGoalsQuery),
          responses: { '200': { description: 'The goals', ...json({ type: 'object' }) }, ...readErrors },
        },
        post: {
          summary: 'Set a goal',
          description: 'A target per metric for a team or one of its services (docs/metrics.md, "Goals"), drawn on the trend charts and shown as met, at risk or missed on /teams and the overview; crossing it (met to missed, or back) sends a `goal` notification. One goal per team or service and metric: posting again replaces the target.',
          requestBody: { required: true, ...json(ref('GoalInput')) },
          responses: { '200': { description: 'Saved', ...json({ type: 'object' }) }, ...errors },
        },
      },
      '/api/v1/goals/{id}': {
        delete: {
          summary: 'Remove a goal',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { '200': { description: 'Removed', ...json({ type: 'object' }) }, '404': { description: 'No such goal', ...json(ref('Error')) }, ...readErrors },
        },
      },
      '/api/v1/metrics': {
        get: {
          summary: 'All metrics for a scope and window',
          description: 'Deployment frequency, lead time for changes, change failure rate, time to restore, failed deployment recovery time, rework rate and availability for the token\'s team (or the named services), each with its `definition`, `headline`, DORA `level`, `sampleSize`, `summary`, the `previous` window of the same length and the `change` against it, a zero-filled `series` per bucket in the time zone, and `warnings`. Durations are seconds; rates are fractions. With `strategy`, only deployments of those strategies count (and the changes whose first deployment had one); whether a deployment failed is still judged on its service\'s whole history, and incidents (time to restore) and availability stay whole; `scope.strategies` echoes the filter (null: all). `compliance`: the compliance score S of the services scanned in the window (headline, components, coverage, series, previous window) and the images running in production now with their open findings by severity (docs/compliance.md).',
          parameters: toQueryParameters(metricsQuery),
          responses: {
            '200': {
              description: 'The metrics report',
              ...json({ type: 'object', properties: { compliance: ref('ComplianceMetric'), leadTimeStages: ref('LeadTimeStages') } }),
            },
            ...readErrors,
          },
        },
      },
      '/api/v1/metrics/strategies': {
        get: {
          summary: 'The deployment strategies compared',
          description: 'Per strategy (rolling, blue_green, canary, recreate, ab_test, other) for the scope and window: `deployments` (finished), '
            + '`changeFailureRate` (`value`, `failures`, 95 % Wilson `interval`), `blastRadius` (median highest traffic share reached by the change '
            + 'failures, percent; `known`: failures whose share is known), `recoveryTime` (failed deployment recovery, seconds), `startToReady` '
            + '(median and p90 seconds from `startedAt` to `rollout.readyAt`), `leadTime` (median seconds of the changes it first shipped), '
            + '`reworkRate`, and `downtime`: deployment-induced downtime seen by the service\'s probes from the deployment\'s start to its finish '
            + 'plus the service\'s grace period (`measured` deployments, `zeroDowntime`, `zeroDowntimeRate`, `totalSeconds`; null without probes: '
            + 'no data, never zero). Below the minimum sample (`minimumSample`, 5 finished deployments) `notEnoughData` says why and rates and '
            + 'medians are null. `trend`: CFR per strategy and month; `mix`: each service\'s deployments by strategy. docs/strategies.md.',
          parameters: toQueryParameters(strategiesQuery),
          responses: { '200': { description: 'The comparison', ...json({ type: 'object' }) }, ...readErrors },
        },
      },
      '/api/v1/metrics/{metric}/records': {
        get: {
          summary: 'The records behind one metric',
          description: 'Deployments, changes or incidents that make up the number, with the rule that classified each (drill-down). Deployment records carry their `strategy`; change records the `deploymentStrategy` of the deployment that first shipped them. Paged with `nextCursor`.',
          parameters: [
            { name: 'metric', in: 'path', required: true, schema: { type: 'string', enum: metricNames } },
            ...toQueryParameters(metricRecordsQuery),
          ],
          responses: { '200': { description: 'A page of records', ...json({ type: 'object' }) }, '404': { description: 'Unknown metric', ...json(ref('Error')) }, ...readErrors },
        },
      },
      '/api/v1/reports/quarterly': {
        get: {
          summary: 'A quarterly report: PDF, CSV or JSON',
          description: 'The report of a quarter (`year` + `quarter`) or a window (`from` + `to`) for the token\'s team or one of its services: every metric\'s headline with level and change against the previous quarter, weekly and monthly series, services, worst incidents, compliance, SLO attainment, data coverage and definitions. The numbers are `GET /api/v1/metrics`\'s for the same scope and window. Streamed; each report is stored with the SHA-256 of its bytes (docs/reports.md). CSV: one row per metric x month x service (`period, month, team, service, metric, unit, value, sample_size`). JSON: the metrics API\'s shape, the rest under `report`.',
          parameters: toQueryParameters(quarterlyReportQuery),
          responses: {
            '200': {
              description: 'The report, as an attachment',
              content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } },
            },
            ...readErrors,
          },
        },
      },
      ...rolloutWebhookPaths,
      ...notificationChannelPaths,
      '/api/dashboard/deployments': {
        get: {
          summary: 'The /deployments feed, or its CSV',
          description: 'Deployments of the teams the person may read, newest first, filtered by team, service (a slug several teams have needs '
            + '`team`), environment, status, strategy and finish day (`from`/`to`, both included, days in `tz`, UTC by default); a page '
            + 'of 50 with `nextCursor`. With format=csv: every deployment of the same filters from the cursor on, streamed (`id, '
            + 'service, environment, external_id, status, rollback, rolled_back, hotfix, strategy, version, started_at, finished_at, '
            + 'duration_seconds, url`), equal to `GET /api/v1/deployments` for the same window.',
          security: session,
          parameters: toQueryParameters(deploymentFeedRouteQuery),
          responses: { ...jsonOrCsv('A page of the feed'), ...dashboardErrors },
        },
      },
      '/api/dashboard/scorecard': {
        get: {
          summary: 'The /teams grid (with team: that team\'s services), or its CSV',
          description: 'Every team the person may read against every metric (value, level or null with its reason, change), worst first, under '
            + 'the organisation\'s row; each row is `GET /api/v1/metrics?team=<slug>` for the same filters, compliance included. With '
            + '`team`, the team\'s services under the team\'s row. CSV: one row per grid row x metric (`row, name, metric, unit, value, '
            + 'level, level_reason, sample_size, previous, change`).',
          security: session,
          parameters: toQueryParameters(dashboardQueryDoc),
          responses: { ...jsonOrCsv('The grid'), ...dashboardErrors },
        },
      },
      '/api/dashboard/services': {
        get: {
          summary: 'The /services table, or its CSV',
          description: 'Every service of the scope with its metric values over the range, availability, SLO status and compliance, as on '
            + '/services and the overview. CSV: one row per service.',
          security: session,
          parameters: toQueryParameters(dashboardQueryDoc),
          responses: { ...jsonOrCsv('The table'), ...dashboardErrors },
        },
      },
      '/api/dashboard/reports/{id}': {
        get: {
          summary: 'A stored report\'s exact bytes (PDF, CSV or JSON)',
          description: 'The report as it was generated, with `X-Content-SHA256` the SHA-256 of its bytes; a report of a team the person may not read is a 404.',
          security: session,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': {
              description: 'The report, as an attachment',
              content: binaryReport,
            },
            '404': { description: 'No such report the person may read', ...json(ref('Error')) },
            ...dashboardErrors,
          },
        },
      },
      '/api/settings/audit': {
        get: {
          summary: 'The audit log as CSV (default) or JSON, streamed (admins)',
          description: 'What admins and maintainers did, filtered as on /settings/audit (`actor`, `action` with a trailing `*`, `targetType`, '
            + '`targetId`, `team`, `from`, `to`). CSV: one row per event, details as JSON text.',
          security: session,
          parameters: toQueryParameters(auditExportQuery),
          responses: {
            '200': {
              description: 'The events, as an attachment',
              content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } },
            },
            ...dashboardErrors,
          },
        },
      },
      '/api/health': {
        get: { summary: 'Health check', security: [], responses: { '200': { description: 'The app reaches its database' }, '503': errors['503'] } },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (pls_...)' },
        session: { type: 'apiKey', in: 'cookie', name: 'plimsoll.session_token', description: 'A signed-in person\'s session (the dashboard\'s own routes)' },
      },
      schemas: {
        DeploymentInput: toSchema(deploymentBodySchema, 'input'),
        DevlakeDeploymentInput: toSchema(devlakeDeploymentSchema, 'input'),
        IncidentInput: toSchema(incidentBodySchema, 'input'),
        PullRequestInput: toSchema(pullRequestBodySchema, 'input'),
        Deployment: toSchema(deploymentDtoSchema, 'output'),
        Incident: toSchema(incidentDtoSchema, 'output'),
        Outcome: toSchema(outcomeSchema, 'output'),
        Error: toSchema(errorBodySchema, 'output'),
        Scan: toSchema(scanDtoSchema, 'output'),
        ComplianceMetric: toSchema(complianceMetricDtoSchema, 'output'),
        LeadTimeStages: toSchema(leadTimeStagesDtoSchema, 'output'),
        AvailabilityResult: toSchema(availabilityResultSchema, 'input'),
        RequestWindow: toSchema(requestWindowSchema, 'input'),
        ProbeCheckInput: toSchema(probeCheckBodySchema, 'input'),
        SloInput: toSchema(sloBodySchema, 'input'),
        GoalInput: toSchema(goalBodySchema, 'input'),
      } satisfies Record<string, unknown>,
    },
  }
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>

// POST /api/v1/scans as a form: the scan's fields plus the report as the file part "file"
function scanUploadForm() {
  const fields = toSchema(scanUploadQuery, 'input') as { properties: Record<string, unknown>; required?: string[] }
  return {
    type: 'object',
    properties: { ...fields.properties, file: { type: 'string', format: 'binary', description: 'The scanner report, gzipped or not' } },
    required: ['file', ...(fields.required ?? [])],
    additionalProperties: false,
  }
}
