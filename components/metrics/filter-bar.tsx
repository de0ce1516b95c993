'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'
import { FoldedOnPhone } from '@/components/layout/folded-on-phone'
import { rangePresets, type OverviewParams } from '@/lib/dashboard/overview-params'
import { filterHref } from '@/lib/dashboard/filter-href'
import { listTimeZones } from '@/lib/time/time-zone'
import type { FilterOptions } from '@/lib/queries/list-filter-options'
import { deploymentStrategies } from '@/lib/validation/deployment-strategies'
import { strategyLabel } from '@/lib/format/strategy'
import { serviceOptions } from '@/lib/dashboard/service-options'

const rangeLabels: Record<string, string> = {
  '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days', 'this-quarter': 'This quarter', 'last-quarter': 'Last quarter', custom: 'Custom',
}
const granularities = [
  ['day', 'Day'], ['week', 'Week'], ['month', 'Month'], ['quarter', 'Quarter'], ['rolling-7', 'Rolling 7 days'], ['rolling-28', 'Rolling 28 days'],
] as const
const benchmarkLabels = { 'dora-2023': 'DORA 2023', 'dora-2024': 'DORA 2024', 'dora-2021': 'DORA 2021' } as const

// Every filter lives in the URL and applies as soon as it changes (no Apply button); the URL carries
// only what differs from the defaults. Without script it is a plain GET form with a submit button.
// withStrategy false: the page compares the strategies and takes no strategy filter.
export function FilterBar({ params, options, action = '/', withStrategy = true }: {
  params: OverviewParams; options: FilterOptions; action?: string; withStrategy?: boolean
}) {
  const router = useRouter()
  const form = useRef<HTMLFormElement>(null)
  const [pending, startTransition] = useTransition()
  // after mount: the server's and the browser's zone lists may differ, and hydration must match
  const [zones, setZones] = useState<string[]>([])
  useEffect(() => setZones(listTimeZones()), [])
  const defaults = { range: '30d', granularity: params.defaults.granularity, tz: params.defaults.tz, benchmark: 'dora-2023', annotations: 'on' }

  const apply = (changed: string) => {
    if (!form.current) return
    const data = new FormData(form.current)
    const values = Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]))
    values.annotations = data.get('annotations') ? 'on' : 'off'
    if (changed === 'tz' && !zones.includes(values.tz ?? '')) return // still typing: wait for a whole zone name
    startTransition(() => router.push(filterHref(action, values, changed, defaults)))
  }
  const onChange = (e: React.ChangeEvent<HTMLFormElement>) => apply((e.target as unknown as HTMLInputElement).name)

  return (
    <FoldedOnPhone summary="Filters">
      <form ref={form} key={formKey(params)} className="filter-bar" method="get" action={action} aria-label="Filters" onChange={onChange}
        onSubmit={(e) => { e.preventDefault(); apply('submit') }} aria-busy={pending} data-pending={pending || undefined}>
        <label>Team
          <select name="team" defaultValue={params.team ?? ''}>
            <option value="">All teams</option>
            {options.teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
          </select>
        </label>
        <label>Service
          <select name="service" defaultValue={params.service ?? ''}>
            <option value="">All services</option>
            {serviceOptions(options.services).map((s) => <option key={s.slug} value={s.slug}>{s.label}</option>)}
          </select>
        </label>
        <label>Environment
          <select name="environment" defaultValue={params.environment ?? ''}>
            <option value="">All production</option>
            {options.environments.map((e) => <option key={e.name} value={e.name}>{e.name} ({e.tier})</option>)}
          </select>
        </label>
        {withStrategy && <StrategySelect chosen={params.strategy} />}
        <label>Range
          <select name="range" defaultValue={params.range}>
            {rangePresets.map((r) => <option key={r} value={r}>{rangeLabels[r]}</option>)}
          </select>
        </label>
        <label>From <input type="date" name="from" defaultValue={params.from ?? ''} /></label>
        <label>To <input type="date" name="to" defaultValue={params.to ?? ''} /></label>
        <label>Buckets
          <select name="granularity" defaultValue={params.rolling ? `rolling-${params.rolling}` : params.granularity}>
            {granularities.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label>Time zone
          <input name="tz" list="time-zones" defaultValue={params.tz} size={16} autoComplete="off" spellCheck={false} aria-describedby="tz-hint" />
          <span id="tz-hint" className="visually-hidden">Type to search the IANA time zones</span>
        </label>
        <datalist id="time-zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
        <label>Levels
          <select name="benchmark" defaultValue={params.benchmark}>
            {Object.entries(benchmarkLabels).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
        </label>
        <label className="filter-check"><input type="checkbox" name="annotations" defaultChecked={params.annotations !== 'off'} /> Markers</label>
        <noscript><button type="submit">Apply</button></noscript>
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

// A new key when the URL's filters change, so the fields show what the page was rendered with.
const formKey = (p: OverviewParams) => [p.team, p.service, p.environment, p.strategy?.join(','), p.range, p.from, p.to, p.granularity, p.rolling, p.tz, p.benchmark, p.annotations].join('|')
