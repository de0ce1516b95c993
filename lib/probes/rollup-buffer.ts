// Per-minute rollups collected in memory and written once a minute is over: one row per check and
// hour, each array holding the hour's 60 minutes (ok and failing samples, mean latency in ms).
export type RollupRow = { checkId: number; hour: Date; ok: number[]; fail: number[]; latencyMs: number[] }

type Minute = { ok: number; fail: number; latencySum: number }

const MINUTE = 60_000
const HOUR = 3_600_000
const SMALLINT_MAX = 32_767

export class RollupBuffer {
  private minutes = new Map<string, Minute & { checkId: number; minute: number }>()

  add(checkId: number, at: Date, up: boolean, latencyMs: number) {
    const minute = Math.floor(at.getTime() / MINUTE) * MINUTE
    const key = `${checkId}:${minute}`
    const m = this.minutes.get(key) ?? { checkId, minute, ok: 0, fail: 0, latencySum: 0 }
    if (up) m.ok++
    else m.fail++
    m.latencySum += latencyMs
    this.minutes.set(key, m)
  }

  // Removes and returns the minutes that ended by `now` (all of them with `now` = Infinity).
  take(now: number): RollupRow[] {
    const rows = new Map<string, RollupRow>()
    for (const [key, m] of this.minutes) {
      if (m.minute + MINUTE > now) continue
      this.minutes.delete(key)
      const hour = Math.floor(m.minute / HOUR) * HOUR
      const rowKey = `${m.checkId}:${hour}`
      let row = rows.get(rowKey)
      if (!row) {
        row = { checkId: m.checkId, hour: new Date(hour), ok: Array(60).fill(0), fail: Array(60).fill(0), latencyMs: Array(60).fill(0) }
        rows.set(rowKey, row)
      }
      const i = (m.minute - hour) / MINUTE
      row.ok[i] = Math.min(SMALLINT_MAX, m.ok)
      row.fail[i] = Math.min(SMALLINT_MAX, m.fail)
      row.latencyMs[i] = Math.min(SMALLINT_MAX, Math.round(m.latencySum / (m.ok + m.fail)))
    }
    return [...rows.values()]
  }
}
