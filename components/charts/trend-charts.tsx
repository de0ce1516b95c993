'use client'

import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export type TrendData = {
  deployments: { bucket: string; success: number; failure: number }[]
  leadTime: { bucket: string; medianHours: number | null; p90Hours: number | null; band: [number, number] | null }[]
  changeFailure: { bucket: string; percent: number | null }[]
  restore: { bucket: string; medianHours: number | null }[]
}

const axis = { fontSize: 11, stroke: 'var(--muted)' }
const hours = (v: number) => (v >= 48 ? `${Math.round((v / 24) * 10) / 10} d` : `${Math.round(v * 10) / 10} h`)

// A titled card around one responsive chart (also used by components/compliance).
export function ChartCard({ title, testId, height = 220, children }: { title: string; testId: string; height?: number; children: React.ReactElement }) {
  return (
    <section className="card chart-card" data-testid={testId}>
      <h3>{title}</h3>
      <ResponsiveContainer width="100%" height={height}>{children}</ResponsiveContainer>
    </section>
  )
}

// The overview's four trend charts; dashed lines mark the DORA 2023 level bounds.
export function TrendCharts({ data }: { data: TrendData }) {
  return (
    <div className="charts">
      <ChartCard title="Deployments per bucket" testId="chart-deployments">
        <BarChart data={data.deployments}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="bucket" tick={axis} />
          <YAxis allowDecimals={false} tick={axis} />
          <Tooltip />
          <Legend />
          <Bar dataKey="success" name="succeeded" stackId="d" fill="var(--good)" isAnimationActive={false} />
          <Bar dataKey="failure" name="failed" stackId="d" fill="var(--bad)" isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Lead time: median with p50-p90 band" testId="chart-lead-time">
        <ComposedChart data={data.leadTime}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="bucket" tick={axis} />
          <YAxis tickFormatter={hours} tick={axis} />
          <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => hours(Number(x))).join(' - ') : hours(Number(v)))} />
          <Area dataKey="band" name="p50-p90" stroke="none" fill="var(--accent)" fillOpacity={0.15} isAnimationActive={false} />
          <Line dataKey="medianHours" name="median" stroke="var(--accent)" dot={{ r: 2 }} isAnimationActive={false} />
          <ReferenceLine y={24} stroke="var(--muted)" strokeDasharray="4 4" label={{ value: 'elite < 1 d', fontSize: 10, fill: 'var(--muted)' }} />
          <ReferenceLine y={168} stroke="var(--muted)" strokeDasharray="4 4" label={{ value: 'high < 7 d', fontSize: 10, fill: 'var(--muted)' }} />
        </ComposedChart>
      </ChartCard>
      <ChartCard title="Change failure rate" testId="chart-change-failure">
        <LineChart data={data.changeFailure}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="bucket" tick={axis} />
          <YAxis unit="%" tick={axis} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} />
          <Line dataKey="percent" name="change failure rate" stroke="var(--bad)" dot={{ r: 2 }} isAnimationActive={false} />
          <ReferenceLine y={5} stroke="var(--muted)" strokeDasharray="4 4" label={{ value: 'elite ≤ 5%', fontSize: 10, fill: 'var(--muted)' }} />
          <ReferenceLine y={15} stroke="var(--muted)" strokeDasharray="4 4" label={{ value: 'medium ≤ 15%', fontSize: 10, fill: 'var(--muted)' }} />
        </LineChart>
      </ChartCard>
      <ChartCard title="Time to restore (median)" testId="chart-restore">
        <LineChart data={data.restore}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="bucket" tick={axis} />
          <YAxis tickFormatter={hours} tick={axis} />
          <Tooltip formatter={(v) => hours(Number(v))} />
          <Line dataKey="medianHours" name="median" stroke="var(--accent)" connectNulls isAnimationActive={false} />
          <ReferenceLine y={1} stroke="var(--muted)" strokeDasharray="4 4" label={{ value: 'elite < 1 h', fontSize: 10, fill: 'var(--muted)' }} />
          <ReferenceLine y={24} stroke="var(--muted)" strokeDasharray="4 4" label={{ value: 'high < 1 d', fontSize: 10, fill: 'var(--muted)' }} />
        </LineChart>
      </ChartCard>
    </div>
  )
}
