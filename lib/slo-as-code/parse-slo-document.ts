import { z } from 'zod'
import { validationError } from '@/lib/errors/app-error'
import { slugSchema } from '@/lib/validation/common'
import type { SloWindowKind } from '@/lib/metrics/slo'

// One SLO as Plimsoll keeps it: a service's target, budget window and indicator, and (for a request-based
// one) the good / bad / total PromQL it was declared with, kept so an export gives the same document back.
export type SloSpec = {
  service: string
  name: string
  target: number
  window: SloWindowKind
  indicator: 'probes' | 'requests'
  ratio: { good?: string; bad?: string; total: string } | null
}

const query = z.string().trim().min(1).max(2000)
// targets are kept with three decimals of a percent (numeric(6,3)), as POST /api/v1/slos takes them
const percent = z.number().min(50).max(99.999)
const toPercent = (ratio: number) => Math.round(ratio * 100_000) / 1000
const name = z.string().trim().min(1).max(100)
export const INDICATOR_ANNOTATION = 'plimsoll/indicator'

// Rolling 28 or 30 days, or a calendar month or quarter: the windows Plimsoll counts budgets over.
export function windowOf(duration: string, rolling: boolean): SloWindowKind | null {
  if (rolling && (duration === '28d' || duration === '4w')) return 'rolling_28d'
  if (rolling && duration === '30d') return 'rolling_30d'
  if (!rolling && duration === '1M') return 'calendar_month'
  if (!rolling && duration === '1Q') return 'calendar_quarter'
  return null
}
const supportedWindows = '28d or 30d rolling, 1M or 1Q calendar'

const metric = z.strictObject({ metricSource: z.looseObject({ type: z.literal('Prometheus'), spec: z.looseObject({ query }) }) })

// OpenSLO v1, kind SLO (https://github.com/OpenSLO/OpenSLO#slo), with an inline ratio indicator or none (probes).
const openSloSchema = z.looseObject({
  apiVersion: z.literal('openslo/v1'),
  kind: z.literal('SLO'),
  metadata: z.looseObject({ name, annotations: z.record(z.string(), z.string()).optional() }),
  spec: z.looseObject({
    service: slugSchema,
    budgetingMethod: z.literal('Occurrences').optional(),
    timeWindow: z.array(z.looseObject({ duration: z.string(), isRolling: z.boolean().optional() })).length(1),
    objectives: z.array(z.looseObject({ target: z.number().gt(0).lt(1).optional(), targetPercent: percent.optional() })).length(1),
    indicator: z
      .looseObject({
        spec: z.looseObject({
          ratioMetric: z.looseObject({ counter: z.boolean().optional(), good: metric.optional(), bad: metric.optional(), total: metric }),
        }),
      })
      .optional(),
  }),
})

// Sloth (https://sloth.dev, version prometheus/v1): a service with a list of SLOs of error and total queries.
const slothSchema = z.looseObject({
  version: z.literal('prometheus/v1'),
  service: slugSchema,
  slos: z
    .array(
      z.looseObject({
        name,
        objective: percent,
        sli: z.looseObject({ events: z.looseObject({ error_query: query, total_query: query }) }),
      }),
    )
    .min(1)
    .max(50),
})

// Pyrra (https://github.com/pyrra-dev/pyrra, pyrra.dev/v1alpha1 ServiceLevelObjective) with a ratio indicator.
const pyrraSchema = z.looseObject({
  apiVersion: z.literal('pyrra.dev/v1alpha1'),
  kind: z.literal('ServiceLevelObjective'),
  metadata: z.looseObject({ name, labels: z.record(z.string(), z.string()).optional() }),
  spec: z.looseObject({
    target: z.string().regex(/^\d+(\.\d+)?$/, 'must be a percentage such as "99.9"'),
    window: z.string(),
    indicator: z.looseObject({ ratio: z.looseObject({ errors: z.looseObject({ metric: query }), total: z.looseObject({ metric: query }) }) }),
  }),
})

function parseWith<S extends z.ZodType>(schema: S, doc: unknown): z.infer<S> {
  const r = schema.safeParse(doc)
  if (!r.success) throw validationError(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
  return r.data
}

function windowOrThrow(duration: string, rolling: boolean, path: string): SloWindowKind {
  const w = windowOf(duration, rolling)
  if (!w) throw validationError([{ path, message: `must be ${supportedWindows}` }])
  return w
}

// The SLOs of one OpenSLO, Sloth or Pyrra document (told apart by their apiVersion / version); every error
// names the field by its path in the document.
export function parseSloDocument(doc: unknown): SloSpec[] {
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>
  if (d.apiVersion === 'openslo/v1') {
    const o = parseWith(openSloSchema, doc)
    const objective = o.spec.objectives[0]!
    const target = objective.targetPercent ?? (objective.target === undefined ? undefined : toPercent(objective.target))
    if (target === undefined || !percent.safeParse(target).success)
      throw validationError([{ path: 'spec.objectives.0.target', message: 'must be between 0.5 and 0.99999' }])
    const tw = o.spec.timeWindow[0]!
    const ratio = o.spec.indicator?.spec.ratioMetric
    if (ratio && !ratio.good === !ratio.bad)
      throw validationError([{ path: 'spec.indicator.spec.ratioMetric', message: 'needs either good or bad, with total' }])
    return [
      {
        service: o.spec.service,
        name: o.metadata.name,
        target,
        window: windowOrThrow(tw.duration, tw.isRolling ?? false, 'spec.timeWindow.0.duration'),
        // without a ratio: probe downtime, or requests pushed to Plimsoll (the annotation an export writes)
        indicator: ratio || o.metadata.annotations?.[INDICATOR_ANNOTATION] === 'requests' ? 'requests' : 'probes',
        ratio: ratio
          ? { good: ratio.good?.metricSource.spec.query, bad: ratio.bad?.metricSource.spec.query, total: ratio.total.metricSource.spec.query }
          : null,
      },
    ]
  }
  if (d.version === 'prometheus/v1') {
    const s = parseWith(slothSchema, doc)
    if (s.slos.length > 1) throw validationError([{ path: 'slos', message: 'Plimsoll keeps one availability SLO a service: send one' }])
    // Sloth's SLO period is 30 days unless its generator is told otherwise
    return s.slos.map((x) => ({
      service: s.service,
      name: x.name,
      target: x.objective,
      window: 'rolling_30d',
      indicator: 'requests',
      ratio: { bad: x.sli.events.error_query, total: x.sli.events.total_query },
    }))
  }
  if (d.apiVersion === 'pyrra.dev/v1alpha1') {
    const p = parseWith(pyrraSchema, doc)
    const target = Number(p.spec.target)
    if (!percent.safeParse(target).success) throw validationError([{ path: 'spec.target', message: 'must be between 50 and 99.999' }])
    const service = slugSchema.safeParse(p.metadata.labels?.service ?? p.metadata.name)
    if (!service.success) throw validationError([{ path: 'metadata.labels.service', message: 'must name the service (a slug)' }])
    return [
      {
        service: service.data,
        name: p.metadata.name,
        target,
        window: windowOrThrow(p.spec.window, true, 'spec.window'),
        indicator: 'requests',
        ratio: { bad: p.spec.indicator.ratio.errors.metric, total: p.spec.indicator.ratio.total.metric },
      },
    ]
  }
  throw validationError([{ path: 'apiVersion', message: 'must be openslo/v1 (OpenSLO), pyrra.dev/v1alpha1 (Pyrra), or version prometheus/v1 (Sloth)' }])
}
