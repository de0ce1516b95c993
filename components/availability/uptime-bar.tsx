import { formatDuration, formatPercent } from '@/lib/format/format-metric'
import { uptimeBand, type UptimeDay } from '@/lib/metrics/daily-uptime'

// One cell per day, coloured by that day's availability; the tooltip (title) gives the downtime.
export function UptimeBar({ label, days }: { label: string; days: UptimeDay[] }) {
  return (
    <div className="uptime-bar" role="img" aria-label={label}>
      {days.map((d) => (
        <span
          key={d.day}
          className={`uptime-cell uptime-${uptimeBand(d.availability)}`}
          data-day={d.day}
          title={d.availability === null ? `${d.day}: no data (not probed yet)` : `${d.day}: ${formatPercent(d.availability, 3)} up, ${d.downtimeSeconds > 0 ? `${formatDuration(d.downtimeSeconds)} down` : 'no downtime'}`}
        />
      ))}
    </div>
  )
}
