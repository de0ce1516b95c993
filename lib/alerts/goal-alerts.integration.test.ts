import { describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { evaluateGoals } from '@/lib/alerts/evaluate-goals'
import { buildScenario } from '@/lib/testing/metric-scenario'

// 8 deployments in March 2026, 2 of them failed: a change failure rate of 25 % over the 30 days to the 31st.
const now = new Date('2026-03-31T00:00:00Z')
const day = (d: number, h = 12) => `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`

describe('goal crossings', () => {
  it('records the first evaluation as a starting point, then reports each crossing once, both ways', async () => {
    const s = await buildScenario(process.env.DATABASE_URL!, Array.from({ length: 8 }, (_, i) => ({
      service: 'api', id: `g${i}`, at: day(i + 2), status: (i % 4 === 3 ? 'failure' : 'success') as 'failure' | 'success',
    })))
    const { rows } = await pool().query<{ id: number }>(
      `INSERT INTO goal (team_id, metric, target) VALUES ($1, 'changeFailureRate', 0.3), ($1, 'availability', 0.999) RETURNING id`, [s.caller.teamId])
    const [cfr, availability] = rows.map((r) => r.id)
    const evaluate = () => evaluateGoals(now, { teamIds: [s.caller.teamId] })
    const lastMet = async (id: number) => (await pool().query('SELECT last_met FROM goal WHERE id = $1', [id])).rows[0].last_met

    expect(await evaluate()).toEqual([]) // 25 % <= 30 %: met, nothing crossed yet
    expect(await lastMet(cfr!)).toBe(true)
    expect(await lastMet(availability!)).toBeNull() // nothing probed: no data, never met or missed

    await pool().query('UPDATE goal SET target = 0.2 WHERE id = $1', [cfr])
    const missed = await evaluate()
    expect(missed.map((c) => [c.goalId, c.crossing, c.value])).toEqual([[cfr, 'missed', 0.25]])
    expect(await evaluate()).toEqual([]) // still missed: not sent again

    await pool().query('UPDATE goal SET target = 0.25 WHERE id = $1', [cfr]) // equal is met (at risk)
    expect((await evaluate()).map((c) => [c.goalId, c.crossing])).toEqual([[cfr, 'met']])
  })
})
