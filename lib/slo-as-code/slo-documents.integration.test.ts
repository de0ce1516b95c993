import { beforeAll, describe, expect, it } from 'vitest'
import { POST as postImport } from '@/app/api/v1/slos/import/route'
import { GET as getExport } from '@/app/api/v1/slos/export/route'
import { callRoute } from '@/lib/testing/call-route'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// SLOs as code through the route handlers: OpenSLO documents round-trip (import, export, import the export:
// the same document), Sloth and Pyrra shapes import, invalid documents are 422s naming the field.
let token: string
beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'slo-code')).token
})

const call = (handler: Parameters<typeof callRoute>[1], method: string, path: string, body?: unknown) => callRoute(token, handler, method, path, body)
const importDoc = (doc: unknown) => call(postImport, 'POST', '/api/v1/slos/import', doc)
const exportOf = async (service: string) => (await call(getExport, 'GET', `/api/v1/slos/export?service=${service}`)).json.data

const prom = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } })
const openSlo = (service: string) => ({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'checkout-availability', annotations: { 'plimsoll/indicator': 'requests' } },
  spec: {
    service,
    budgetingMethod: 'Occurrences',
    timeWindow: [{ duration: '1M', isRolling: false, calendar: { startTime: '2020-01-01 00:00:00', timeZone: 'UTC' } }],
    objectives: [{ displayName: 'availability', targetPercent: 99.999 }],
    indicator: {
      metadata: { name: 'checkout-availability-ratio' },
      spec: {
        ratioMetric: {
          counter: true,
          good: prom('sum(increase(http_requests_total{code!~"5.."}[1m]))'),
          total: prom('sum(increase(http_requests_total[1m]))'),
        },
      },
    },
  },
})

describe('OpenSLO, Sloth and Pyrra documents', () => {
  it('an OpenSLO document round-trips: import, then export gives the same document, which imports to the same SLO', async () => {
    const service = uniqueSlug('oslo')
    const doc = openSlo(service)
    const imported = await importDoc(doc)
    expect(imported.status).toBe(200)
    expect(imported.json.data).toEqual([
      {
        service,
        name: 'checkout-availability',
        target: 99.999,
        window: 'calendar_month',
        indicator: 'requests',
        ratio: { good: 'sum(increase(http_requests_total{code!~"5.."}[1m]))', total: 'sum(increase(http_requests_total[1m]))' },
      },
    ])
    const [exported] = await exportOf(service)
    expect(exported).toEqual(doc)
    expect((await importDoc(exported)).json.data).toEqual(imported.json.data)
  })

  it('a probe SLO (no ratio indicator, an objective as a ratio) round-trips too', async () => {
    const service = uniqueSlug('oslo-probe')
    const doc = {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: service },
      spec: { service, timeWindow: [{ duration: '28d', isRolling: true }], objectives: [{ target: 0.9995 }] },
    }
    expect((await importDoc(doc)).json.data).toEqual([{ service, name: service, target: 99.95, window: 'rolling_28d', indicator: 'probes', ratio: null }])
    const [exported] = await exportOf(service)
    expect((await importDoc(exported)).json.data).toEqual([{ service, name: service, target: 99.95, window: 'rolling_28d', indicator: 'probes', ratio: null }])
  })

  it('imports the Sloth and Pyrra shapes as request-based SLOs', async () => {
    const sloth = uniqueSlug('sloth')
    const s = await importDoc({
      version: 'prometheus/v1',
      service: sloth,
      slos: [
        {
          name: 'requests-availability',
          objective: 99.9,
          sli: { events: { error_query: 'sum(rate(http_errors_total[{{.window}}]))', total_query: 'sum(rate(http_requests_total[{{.window}}]))' } },
        },
      ],
    })
    expect(s.json.data).toEqual([
      {
        service: sloth,
        name: 'requests-availability',
        target: 99.9,
        window: 'rolling_30d',
        indicator: 'requests',
        ratio: { bad: 'sum(rate(http_errors_total[{{.window}}]))', total: 'sum(rate(http_requests_total[{{.window}}]))' },
      },
    ])
    const pyrra = uniqueSlug('pyrra')
    const p = await importDoc({
      apiVersion: 'pyrra.dev/v1alpha1',
      kind: 'ServiceLevelObjective',
      metadata: { name: 'api-errors', labels: { service: pyrra } },
      spec: {
        target: '99.95',
        window: '28d',
        indicator: { ratio: { errors: { metric: 'http_requests_total{code=~"5.."}' }, total: { metric: 'http_requests_total' } } },
      },
    })
    expect(p.json.data).toEqual([
      {
        service: pyrra,
        name: 'api-errors',
        target: 99.95,
        window: 'rolling_28d',
        indicator: 'requests',
        ratio: { bad: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' },
      },
    ])
    expect((await exportOf(pyrra))[0].spec.indicator.spec.ratioMetric.bad).toEqual(prom('http_requests_total{code=~"5.."}'))
  })

  const valid = openSlo('svc')
  it.each([
    [{ ...valid, apiVersion: 'openslo/v2' }, 'apiVersion'],
    [{ ...valid, kind: 'SLI' }, 'kind'],
    [{ ...valid, spec: { ...valid.spec, objectives: [{ target: 1.5 }] } }, 'spec.objectives.0.target'],
    [{ ...valid, spec: { ...valid.spec, objectives: [{ targetPercent: 99.9999 }] } }, 'spec.objectives.0.targetPercent'],
    [{ ...valid, spec: { ...valid.spec, timeWindow: [{ duration: '7d', isRolling: true }] } }, 'spec.timeWindow.0.duration'],
    [{ ...valid, spec: { ...valid.spec, service: 'Not A Slug' } }, 'spec.service'],
    [{ ...valid, metadata: {} }, 'metadata.name'],
    [
      { version: 'prometheus/v1', service: 'svc', slos: [{ name: 'x', objective: 99.9, sli: { events: { total_query: 'q' } } }] },
      'slos.0.sli.events.error_query',
    ],
    [
      {
        apiVersion: 'pyrra.dev/v1alpha1',
        kind: 'ServiceLevelObjective',
        metadata: { name: 'x' },
        spec: { target: 'high', window: '28d', indicator: { ratio: { errors: { metric: 'e' }, total: { metric: 't' } } } },
      },
      'spec.target',
    ],
  ])('422 naming the field (%#)', async (doc, field) => {
    const r = await importDoc(doc)
    expect([r.status, r.json.error?.fields?.map((f) => f.path)]).toEqual([422, [field]])
  })
})
