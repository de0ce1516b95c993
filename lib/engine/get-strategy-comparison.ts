import type { Principal } from '@/lib/auth/principal'
import { readPool } from '@/lib/db'
import { resolveMetricScope } from '@/lib/engine/resolve-scope'
import type { ResolvedScope } from '@/lib/engine/get-metrics-report'
import { buildStrategyComparison } from '@/lib/metrics/strategy-comparison'
import { strategyDeploymentFigures, strategyLeadTimes, strategyMix } from '@/lib/queries/metrics/strategy-comparison'
import { strategyDowntime } from '@/lib/queries/metrics/deployment-downtime'
import type { MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { listBuckets } from '@/lib/time/buckets'
import type { StrategiesQuery } from '@/lib/validation/metrics'

// GET /api/v1/metrics/strategies: the deployment strategies side by side for the caller's scope and window.
export async function getStrategyComparison(principal: Principal, q: StrategiesQuery) {
  return computeStrategyComparison(await resolveMetricScope(principal, q), q)
}

export async function computeStrategyComparison(scope: ResolvedScope, q: Pick<StrategiesQuery, 'from' | 'to' | 'tz'>) {
  const w: MetricWindow = {
    serviceIds: scope.services.map((s) => s.id), environmentIds: scope.environments.map((e) => e.id),
    from: q.from, to: q.to, tz: q.tz, granularity: 'month',
  }
  const db = readPool()
  const [deployments, leadTimes, downtime, mix] = await Promise.all([
    strategyDeploymentFigures(w, db), strategyLeadTimes(w, db), strategyDowntime(w, db), strategyMix(w, db),
  ])
  const months = listBuckets(q.from, q.to, 'month', q.tz).map((b) => b.key)
  return {
    scope: { team: scope.team, services: scope.services.map((s) => s.slug), environments: scope.environments.map((e) => e.name), from: q.from, to: q.to, tz: q.tz },
    ...buildStrategyComparison({ deployments, leadTimes, downtime, mix, months }),
  }
}
