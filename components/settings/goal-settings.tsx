'use client'

import { useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'
import { goalLabel } from '@/lib/dashboard/goal-views'
import { GOAL_METRICS, type GoalMetric } from '@/lib/metrics/goal-status'

export type GoalItem = { id: number; team: string; service: string | null; metric: GoalMetric; target: number; canEdit: boolean }

// The form takes a target as people say it; the API stores the metric's headline unit (docs/metrics.md "Goals").
const INPUT: Record<GoalMetric, { title: string; unit: string; toApi: (v: number) => number; example: string }> = {
  deploymentFrequency: { title: 'Deployment frequency', unit: 'per day, at least', toApi: (v) => v, example: '1' },
  leadTime: { title: 'Lead time', unit: 'hours, at most', toApi: (v) => v * 3600, example: '24' },
  changeFailureRate: { title: 'Change failure rate', unit: '%, at most', toApi: (v) => v / 100, example: '10' },
  timeToRestore: { title: 'Time to restore', unit: 'hours, at most', toApi: (v) => v * 3600, example: '1' },
  availability: { title: 'Availability', unit: '%, at least', toApi: (v) => v / 100, example: '99.95' },
  compliance: { title: 'Compliance score', unit: 'of 100, at least', toApi: (v) => v, example: '80' },
}

// Admins and each team's maintainers: a target per metric for a team or one of its services.
export function GoalSettings({ goals, teams, services }: {
  goals: GoalItem[]; teams: { slug: string; name: string }[]; services: { slug: string; team: string }[]
}) {
  const [form, setForm] = useState({ team: teams[0]?.slug ?? '', service: '', metric: 'changeFailureRate' as GoalMetric, target: '' })
  const body = () => ({
    team: form.team, ...(form.service ? { service: form.service } : {}), metric: form.metric, target: INPUT[form.metric].toApi(Number(form.target)),
  })
  const save = useServerMutation(() => sendJson('POST', '/api/v1/goals', body()), () => setForm({ ...form, target: '' }))
  const remove = useServerMutation((id: number) => sendJson('DELETE', `/api/v1/goals/${id}`))
  return (
    <>
      {goals.length === 0 ? <p className="card empty-state">No goals yet.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="goals">
            <thead><tr><th>Team</th><th>Service</th><th>Metric</th><th>Goal</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {goals.map((g) => (
                <tr key={g.id}>
                  <td>{g.team}</td><td>{g.service ?? <span className="muted">the whole team</span>}</td>
                  <td>{INPUT[g.metric].title}</td><td>{goalLabel(g.metric, g.target)}</td>
                  <td>{g.canEdit && (
                    <button type="button" onClick={() => remove.mutate(g.id)} disabled={remove.isPending} aria-label={`Remove the goal ${g.id}`}>Remove</button>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MutationError error={remove.error} />
      {teams.length > 0 && (
        <form className="filter-bar" aria-label="Set a goal" onSubmit={(e) => { e.preventDefault(); save.mutate(undefined) }}>
          <label>Team <select name="team" value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value, service: '' })}>
            {teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
          </select></label>
          <label>Service <select name="service" value={form.service} onChange={(e) => setForm({ ...form, service: e.target.value })}>
            <option value="">the whole team</option>
            {services.filter((s) => s.team === form.team).map((s) => <option key={s.slug} value={s.slug}>{s.slug}</option>)}
          </select></label>
          <label>Metric <select name="metric" value={form.metric} onChange={(e) => setForm({ ...form, metric: e.target.value as GoalMetric })}>
            {GOAL_METRICS.map((m) => <option key={m} value={m}>{INPUT[m].title}</option>)}
          </select></label>
          <label>Target ({INPUT[form.metric].unit})
            <input name="target" required inputMode="decimal" value={form.target} placeholder={INPUT[form.metric].example}
              onChange={(e) => setForm({ ...form, target: e.target.value })} />
          </label>
          <button type="submit" disabled={save.isPending}>Set goal</button>
          <MutationError error={save.error} />
        </form>
      )}
    </>
  )
}
