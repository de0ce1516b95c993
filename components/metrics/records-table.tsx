import { formatDuration } from '@/lib/format/format-metric'
import { formatDateTime } from '@/lib/format/format-time'

// The records behind a number, whatever their kind: one column per field.
function cell(key: string, value: unknown, tz: string): string {
  if (value === null || value === undefined) return '—'
  if (value instanceof Date) return formatDateTime(value, tz)
  if (Array.isArray(value)) return value.join(', ') || '—'
  if (typeof value === 'boolean') return value ? 'yes' : ''
  if (typeof value === 'number' && /Seconds$/.test(key)) return formatDuration(value)
  return String(value)
}

const label = (key: string) => key.replace(/([A-Z])/g, ' $1').toLowerCase()

// tz: the view's zone, which every time in the table is written in
export function RecordsTable({ rows, tz = 'UTC' }: { rows: Record<string, unknown>[]; tz?: string }) {
  if (rows.length === 0) return <p className="card empty-state">No records in this scope and window.</p>
  const columns = Object.keys(rows[0]!).filter((k) => k !== 'id')
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="records">
        <thead><tr>{columns.map((c) => <th key={c} scope="col">{label(c)}</th>)}</tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={String(r.id ?? i)}>{columns.map((c) => <td key={c}>{cell(c, r[c], tz)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
