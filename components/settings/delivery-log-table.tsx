// A channel's delivery log: one row per attempt, newest first (the detail is cut to 200 characters by the sender).
export type DeliveryLogItem = {
  at: string; kind: string; title: string; state: string; attempt: number; outcome: string; responseCode: number | null; detail: string | null
}

export function DeliveryLogTable({ rows }: { rows: DeliveryLogItem[] }) {
  if (rows.length === 0) return <p className="muted small">Nothing sent yet.</p>
  return (
    <div className="table-scroll" tabIndex={0}>
      <table aria-label="Delivery log">
        <thead><tr><th>Time</th><th>Kind</th><th>Message</th><th>Attempt</th><th>Outcome</th><th>Answer</th></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.at}-${i}`}>
              <td>{r.at.replace('T', ' ').slice(0, 19)} UTC</td><td>{r.kind}</td><td>{r.title}</td><td>{r.attempt}</td>
              <td>{r.outcome}{r.outcome !== r.state && r.state !== 'sent' ? ` (now ${r.state})` : ''}</td>
              <td>{[r.responseCode, r.detail].filter((x) => x !== null && x !== '').join(' ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
