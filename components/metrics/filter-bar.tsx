import { FoldedOnPhone } from '@/components/layout/folded-on-phone'
import { rangePresets, type OverviewParams } from '@/lib/dashboard/overview-params'
import type { FilterOptions } from '@/lib/queries/list-filter-options'
import { deploymentStrategies } from '@/lib/validation/deployment-strategies'
import { strategyLabel } from '@/lib/format/strategy'

const rangeLabels: Record<string, string> = {
  '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', 'this-quarter': 'This quarter', 'last-quarter': 'Last quarter', custom: 'Custom',
}

// A plain GET form: every filter lives in the URL, and it works before any script has loaded.
export function FilterBar({ params, options, action = '/' }: { params: OverviewParams; options: FilterOptions; action?: string }) {
  return (
    <FoldedOnPhone summary="Filters">
      <form className="filter-bar" method="get" action={action} aria-label="Filters">
        <label>Team
          <select name="team" defaultValue={params.team ?? ''}>
            <option value="">All teams</option>
            {options.teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
          </select>
        </label>
        <label>Service
          <select name="service" defaultValue={params.service ?? ''}>
            <option value="">All services</option>
            {options.services.map((s) => <option key={s.slug} value={s.slug}>{s.name}</option>)}
          </select>
        </label>
        <label>Environment
          <select name="environment" defaultValue={params.environment ?? ''}>
            <option value="">All production</option>
            {options.environments.map((e) => <option key={e.name} value={e.name}>{e.name} ({e.tier})</option>)}
          </select>
        </label>
        <StrategySelect chosen={params.strategy} />
        <label>Range
          <select name="range" defaultValue={params.range}>
            {rangePresets.map((r) => <option key={r} value={r}>{rangeLabels[r]}</option>)}
          </select>
        </label>
        <label>From <input type="date" name="from" defaultValue={params.from ?? ''} /></label>
        <label>To <input type="date" name="to" defaultValue={params.to ?? ''} /></label>
        <label>Granularity
          <select name="granularity" defaultValue={params.granularity}>
            {['day', 'week', 'month', 'quarter'].map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
        <label>Time zone <input name="tz" defaultValue={params.tz} size={16} /></label>
        <button type="submit">Apply</button>
      </form>
    </FoldedOnPhone>
  )
}

// One strategy, or the comma-separated set a link carried (?strategy=canary,blue_green) kept as it came.
function StrategySelect({ chosen }: { chosen: readonly string[] | undefined }) {
  const value = chosen?.join(',') ?? ''
  return (
    <label>Strategy
      <select name="strategy" defaultValue={value}>
        <option value="">All strategies</option>
        {deploymentStrategies.map((s) => <option key={s} value={s}>{strategyLabel(s)}</option>)}
        {chosen && chosen.length > 1 && <option value={value}>{chosen.map(strategyLabel).join(', ')}</option>}
      </select>
    </label>
  )
}
