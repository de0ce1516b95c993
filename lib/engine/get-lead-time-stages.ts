import { readPool } from '@/lib/db'
import { buildLeadTimeStages, STAGES_DEFINITION } from '@/lib/metrics/lead-time-stages'
import { buildSizeBands } from '@/lib/metrics/pull-request-size'
import { listLeadTimeBySize, listLeadTimeStages } from '@/lib/queries/metrics/lead-time-stages'
import { listBuckets } from '@/lib/time/buckets'
import type { MetricsQuery } from '@/lib/validation/metrics'
import type { ResolvedScope } from '@/lib/engine/get-metrics-report'

// Lead time taken apart (issue 25, docs/metrics.md "Lead time stages") for a scope and window:
// GET /api/v1/metrics' leadTimeStages and the lead time page's "Where changes wait".
export async function getLeadTimeStages(scope: ResolvedScope, q: Pick<MetricsQuery, 'from' | 'to' | 'tz' | 'granularity' | 'strategy'>) {
  const w = {
    serviceIds: scope.services.map((s) => s.id), environmentIds: scope.environments.map((e) => e.id),
    from: q.from, to: q.to, tz: q.tz, granularity: q.granularity, strategies: q.strategy,
  }
  const [stages, sizes] = await Promise.all([listLeadTimeStages(w, readPool()), listLeadTimeBySize(w, readPool())])
  return {
    definition: STAGES_DEFINITION,
    ...buildLeadTimeStages(stages, listBuckets(q.from, q.to, q.granularity, q.tz)),
    // lead time of pull requests by size (changed lines): do big ones wait longer?
    bySize: buildSizeBands(sizes),
  }
}
