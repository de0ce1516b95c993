'use client'

import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, Scatter, Tooltip, XAxis, YAxis } from 'recharts'
import { ChartCard, GoalLine } from '@/components/charts/trend-charts'

const axis = { fontSize: 11, stroke: 'var(--muted)' }
const COLORS = ['var(--accent)', '#8a5300', '#1d7f4e', '#b42318', '#6941c6', '#0e7490']
const pct = (v: unknown) => (v === null || v === undefined ? '–' : Number(v).toFixed(1))

// Compliance score S (0-100) over time: the organisation's median and one line per team (the compliance
// page, per day), or the metric page's series per bucket (`gaps`: a bucket with no data is a gap, not joined).
export function ScoreTrendChart({
  data, teams, title = 'Compliance score S per day (median over services)', testId = 'chart-compliance-trend', gaps = false, goal,
}: {
  data: Record<string, string | number | null>[]; teams: string[]; title?: string; testId?: string; gaps?: boolean; goal?: number
}) {
  return (
    <ChartCard title={title} testId={testId} height={240}>
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="day" tick={axis} />
        <YAxis domain={[0, 100]} tick={axis} />
        <Tooltip formatter={(v) => (v === null || v === undefined ? 'no data' : pct(v))} />
        <Legend />
        <Line dataKey="org" name={teams.length > 0 || !gaps ? 'organisation' : 'S'} stroke="var(--fg)" strokeWidth={2}
          dot={gaps} connectNulls={!gaps} isAnimationActive={false} />
        {teams.map((t, i) => (
          <Line key={t} dataKey={t} name={`team ${t}`} stroke={COLORS[i % COLORS.length]} dot={false} strokeDasharray="4 2" connectNulls isAnimationActive={false} />
        ))}
        {GoalLine({ value: goal, label: `≥ ${goal}` })}
      </LineChart>
    </ChartCard>
  )
}

export type HistoryPoint = { at: string; s: number | null; c: number | null; v: number | null; deploy: number | null; rescan: number | null }

// Every scan of a service: S, C and V, with markers telling a new image (deploy) from a re-scan of the same digest.
export function ScoreHistoryChart({ data }: { data: HistoryPoint[] }) {
  return (
    <ChartCard title="Score history (every scan)" testId="chart-score-history" height={240}>
      <ComposedChart data={data}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="at" tick={axis} />
        <YAxis domain={[0, 100]} tick={axis} />
        <Tooltip formatter={pct} />
        <Legend />
        <Line dataKey="s" name="S" stroke="var(--fg)" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        <Line dataKey="c" name="C (configuration)" stroke="var(--accent)" strokeDasharray="4 2" dot={false} connectNulls isAnimationActive={false} />
        <Line dataKey="v" name="V (vulnerabilities)" stroke="#8a5300" strokeDasharray="4 2" dot={false} connectNulls isAnimationActive={false} />
        <Scatter dataKey="deploy" name="new image" fill="#1d7f4e" shape="diamond" isAnimationActive={false} />
        <Scatter dataKey="rescan" name="re-scan, same image" fill="#b42318" shape="triangle" isAnimationActive={false} />
      </ComposedChart>
    </ChartCard>
  )
}

// Days from first seen to fixed, per fixed critical or high finding.
export function RemediationChart({ data }: { data: { label: string; days: number; severity: string }[] }) {
  return (
    <ChartCard title="Time to remediate critical and high findings (days)" testId="chart-remediation" height={240}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="label" tick={axis} />
        <YAxis tick={axis} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(1)} d`} />
        <Bar dataKey="days" name="days to fix" fill="var(--accent)" isAnimationActive={false} />
      </BarChart>
    </ChartCard>
  )
}

