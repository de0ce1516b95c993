'use client'

import { useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'

type TeamOption = { slug: string; name: string }
export type EditableService = {
  slug: string
  name: string
  team: string
  repositoryUrl: string | null
  pathPrefixes: string[]
  incidentAttributionHours: number
  cfrSeverities: string[] | null
  ttrSeverities: string[] | null
  environmentStrategies: Record<string, { strategy: string; environment?: string }>
  sloTarget: number
  sloWindow: string
  sloIndicator: string | null
}

// "prod-eu-shadow=canary>prod-eu, staging-bg=blue_green" <-> the environment-name rules (docs/strategies.md)
const rulesText = (rules: EditableService['environmentStrategies']) =>
  Object.entries(rules)
    .map(([env, r]) => `${env}=${r.strategy}${r.environment ? `>${r.environment}` : ''}`)
    .join(', ')
const rulesOf = (text: string) =>
  Object.fromEntries(
    prefixes(text).map((item) => {
      const [env = '', rest = ''] = item.split('=').map((x) => x.trim())
      const [strategy = '', environment] = rest.split('>').map((x) => x.trim())
      return [env.toLowerCase(), { strategy, ...(environment ? { environment: environment.toLowerCase() } : {}) }]
    }),
  )

// "critical, high" → ["critical", "high"]; empty = every severity (null)
const severities = (text: string) => (prefixes(text).length ? prefixes(text).map((s) => s.toLowerCase()) : null)

// "services/api/, libs/shared/" → ["services/api/", "libs/shared/"]; empty = the whole repository.
const prefixes = (text: string) =>
  text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean)

// A new service in a team the person maintains (admins: any team).
export function NewServiceForm({ teams }: { teams: TeamOption[] }) {
  const [form, setForm] = useState({ team: teams[0]?.slug ?? '', slug: '', name: '', repositoryUrl: '', pathPrefixes: '' })
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value })
  const create = useServerMutation(
    () =>
      sendJson('POST', '/api/settings/services', {
        team: form.team,
        slug: form.slug,
        name: form.name || undefined,
        repositoryUrl: form.repositoryUrl || null,
        pathPrefixes: prefixes(form.pathPrefixes),
      }),
    () => setForm({ ...form, slug: '', name: '', repositoryUrl: '', pathPrefixes: '' }),
  )
  return (
    <form
      className="filter-bar"
      aria-label="New service"
      onSubmit={(e) => {
        e.preventDefault()
        create.mutate(undefined)
      }}
    >
      <label>
        Team{' '}
        <select name="team" value={form.team} onChange={set('team')}>
          {teams.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Slug <input name="slug" required value={form.slug} onChange={set('slug')} placeholder="checkout" />
      </label>
      <label>
        Name <input name="name" value={form.name} onChange={set('name')} placeholder="as the slug" />
      </label>
      <label>
        Repository URL{' '}
        <input name="repositoryUrl" type="url" value={form.repositoryUrl} onChange={set('repositoryUrl')} placeholder="https://github.com/acme/shop" />
      </label>
      <label>
        Path prefixes <input name="pathPrefixes" value={form.pathPrefixes} onChange={set('pathPrefixes')} placeholder="services/checkout/" />
      </label>
      <button type="submit" disabled={create.isPending}>
        Create service
      </button>
      <MutationError error={create.error} />
    </form>
  )
}

const sloWindows = [
  ['rolling_30d', '30 days, rolling'],
  ['rolling_28d', '28 days, rolling'],
  ['calendar_month', 'calendar month'],
  ['calendar_quarter', 'calendar quarter'],
] as const

// Rename, map a repository and path prefixes, or move to another team the person maintains.
export function EditService({ service, teams }: { service: EditableService; teams: TeamOption[] }) {
  const [form, setForm] = useState({
    name: service.name,
    team: service.team,
    repositoryUrl: service.repositoryUrl ?? '',
    pathPrefixes: service.pathPrefixes.join(', '),
    attribution: String(service.incidentAttributionHours),
    cfr: service.cfrSeverities?.join(', ') ?? '',
    ttr: service.ttrSeverities?.join(', ') ?? '',
    rules: rulesText(service.environmentStrategies),
    sloTarget: String(service.sloTarget),
    sloWindow: service.sloWindow,
    sloIndicator: service.sloIndicator ?? 'auto',
  })
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value })
  const save = useServerMutation(() =>
    sendJson('PATCH', `/api/settings/services/${service.slug}?team=${encodeURIComponent(service.team)}`, {
      name: form.name,
      repositoryUrl: form.repositoryUrl || null,
      pathPrefixes: prefixes(form.pathPrefixes),
      incidentAttributionHours: Number(form.attribution),
      cfrSeverities: severities(form.cfr),
      ttrSeverities: severities(form.ttr),
      environmentStrategies: rulesOf(form.rules),
      sloTarget: Number(form.sloTarget),
      sloWindow: form.sloWindow,
      sloIndicator: form.sloIndicator,
      ...(form.team !== service.team ? { team: form.team } : {}),
    }),
  )
  const options = teams.some((t) => t.slug === service.team) ? teams : [{ slug: service.team, name: service.team }, ...teams]
  return (
    <details>
      <summary>Edit</summary>
      <form
        className="filter-bar"
        aria-label={`Edit service ${service.slug}`}
        onSubmit={(e) => {
          e.preventDefault()
          save.mutate(undefined)
        }}
      >
        <label>
          Name <input name="name" required value={form.name} onChange={set('name')} />
        </label>
        <label>
          Team{' '}
          <select name="team" value={form.team} onChange={set('team')}>
            {options.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Repository URL <input name="repositoryUrl" type="url" value={form.repositoryUrl} onChange={set('repositoryUrl')} />
        </label>
        <label>
          Path prefixes <input name="pathPrefixes" value={form.pathPrefixes} onChange={set('pathPrefixes')} placeholder="whole repository" />
        </label>
        <label>
          Attribution window (h){' '}
          <input name="incidentAttributionHours" type="number" min={1} max={2160} required value={form.attribution} onChange={set('attribution')} />
        </label>
        <label>
          Severities for CFR <input name="cfrSeverities" value={form.cfr} onChange={set('cfr')} placeholder="all (or: critical, high)" />
        </label>
        <label>
          Severities for time to restore <input name="ttrSeverities" value={form.ttr} onChange={set('ttr')} placeholder="all" />
        </label>
        <label>
          Environment strategies{' '}
          <input
            name="environmentStrategies"
            value={form.rules}
            onChange={set('rules')}
            placeholder="prod-eu-shadow=canary>prod-eu"
            title="environment=strategy, or environment=strategy>the environment it deploys to"
          />
        </label>
        <label>
          SLO target (%) <input name="sloTarget" type="number" min={50} max={99.999} step={0.001} required value={form.sloTarget} onChange={set('sloTarget')} />
        </label>
        <label>
          SLO window{' '}
          <select name="sloWindow" value={form.sloWindow} onChange={set('sloWindow')}>
            {sloWindows.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          SLO measured by{' '}
          <select name="sloIndicator" value={form.sloIndicator} onChange={set('sloIndicator')}>
            <option value="auto">requests once recorded, else probes</option>
            <option value="probes">probes</option>
            <option value="requests">requests</option>
          </select>
        </label>
        <button type="submit" disabled={save.isPending}>
          Save
        </button>
        <MutationError error={save.error} />
      </form>
    </details>
  )
}
