'use client'

import { Line, LineChart, ResponsiveContainer } from 'recharts'

// A card's small trend line; points without a value leave a gap.
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const data = values.map((v, i) => ({ i, v }))
  return (
    <div className="sparkline" role="img" aria-label={`${label} trend`}>
      <ResponsiveContainer width="100%" height={36}>
        <LineChart data={data} margin={{ top: 4, right: 2, bottom: 4, left: 2 }}>
          <Line type="monotone" dataKey="v" stroke="var(--accent)" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
