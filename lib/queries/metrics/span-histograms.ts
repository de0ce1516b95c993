import sql, { empty, join, raw, type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { interpolate, percentilePositions, splitAtUtcDays, utcWeekShare, type KeyedRange, type RankPosition } from '@/lib/metrics/lead-time-histogram'
import { windowRanges, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

// The spans lead_time_rollup keeps histograms of (its column `span`), each read from the table that
// holds its rows: from `start` to deployed_at, binned by lead_time_bin() into `bin`.
export const SPANS = {
  change: { id: 0, table: 'change_first_deployment', bin: 'lead_bin', start: 'committed_at' },
  pullRequestFirstCommit: { id: 1, table: 'pull_request_deployment', bin: 'first_commit_bin', start: 'first_committed_at' },
  pullRequestMerge: { id: 2, table: 'pull_request_deployment', bin: 'merged_bin', start: 'merged_at' },
} as const
export type Span = (typeof SPANS)[keyof typeof SPANS]

const NEGATIVE_BIN = -1
const UNTIMED_BIN = -2

export type SpanStats = {
  bucket: string | null
  // spans >= 0 (the ranked ones), spans < 0, rows without a start time
  count: number
  negative: number
  untimed: number
  mean: number | null
  percentiles: (number | null)[]
}

type Histogram = { counts: Map<number, number>; sumMs: number; range: KeyedRange }

// Whole teams read their histograms per day, other scopes their services' per week (a service has
// about one change per bin and day: its daily rows would be nearly as many as its changes).
function histogramRows(w: MetricWindow) {
  return w.teamIds
    ? { period: 'day' as const, rows: sql`lead_time_rollup r ON r.team_id = ANY(${w.teamIds}::int[]) AND r.day = d.day` }
    : { period: 'week' as const, rows: sql`lead_time_service_rollup r ON r.service_id = ANY(${w.serviceIds}::int[]) AND r.week = d.day` }
}

// Whether the histograms answer faster than sorting every row: always for whole teams; for other
// scopes when whole UTC weeks cover most of the ranges (not for daily buckets, nor weekly ones in a
// time zone other than UTC, whose weeks hold no whole UTC week).
export function histogramsPay(w: MetricWindow): boolean {
  return w.teamIds !== undefined || utcWeekShare(windowRanges(w)) >= 0.5
}

// Exact percentiles of a span over the scope's services (whole teams or any set), from the histograms
// (a team's per day, a service's per week: a few hundred rows per day or week instead of every row),
// then one short sorted read per rank a percentile needs. Per bucket and in all (bucket null), or in all only for w.totalsOnly. Returns null when the
// histograms and the rows disagree (triggers keep them; that would be a bug) so the caller can fall
// back to reading every row.
export async function spanStatsFromRollup(span: Span, w: MetricWindow, percentiles: readonly number[], client: Queryable = pool()): Promise<SpanStats[] | null> {
  const ranges = windowRanges(w)
  const histograms = await readHistograms(span, w, ranges, client)
  // the window's own histogram: the sum of its buckets' (they partition it)
  histograms.set(null, mergeHistograms([...histograms.values()], { key: null, from: w.from, to: w.to }))

  // every rank any percentile needs, each read once
  const lookups: { range: KeyedRange; at: RankPosition }[] = []
  const lookupIndex = new Map<string, number>()
  const indexOf = (range: KeyedRange, at: RankPosition) => {
    const id = `${range.from.toISOString()}|${range.to.toISOString()}|${at.bin}|${at.offset}`
    let i = lookupIndex.get(id)
    if (i === undefined) {
      i = lookups.push({ range, at }) - 1
      lookupIndex.set(id, i)
    }
    return i
  }
  const plans = [...histograms.values()].map((h) => ({
    h,
    positions: percentiles.map((p) => {
      const at = percentilePositions(h.counts, p)
      return at && { lo: indexOf(h.range, at.lo), hi: indexOf(h.range, at.hi), fraction: at.fraction }
    }),
  }))
  const values = await readRanks(span, w, lookups, client)
  if (values.some((v) => v === undefined)) return null

  return plans.map(({ h, positions }) => {
    const count = [...h.counts].reduce((s, [bin, c]) => (bin >= 0 ? s + c : s), 0)
    return {
      bucket: h.range.key,
      count,
      negative: h.counts.get(NEGATIVE_BIN) ?? 0,
      untimed: h.counts.get(UNTIMED_BIN) ?? 0,
      mean: count ? h.sumMs / 1000 / count : null,
      percentiles: positions.map((at) => (at ? interpolate(values[at.lo]!, values[at.hi]!, at.fraction) : null)),
    }
  }).filter((s) => s.count + s.negative + s.untimed > 0 || s.bucket === null)
}

// Histograms per range: whole UTC days from lead_time_rollup (whole teams) or whole UTC weeks from
// lead_time_service_rollup, the pieces at the ranges' edges (other time zones, windows not starting at
// midnight) binned from the rows themselves. Without pieces, no second branch: its row estimate alone
// made the planner start parallel workers.
async function readHistograms(span: Span, w: MetricWindow, ranges: KeyedRange[], client: Queryable): Promise<Map<string | null, Histogram>> {
  const { period, rows: rollup } = histogramRows(w)
  const { days, spans } = splitAtUtcDays(ranges, period)
  const rangeOf = (key: string | null) => ranges.findIndex((r) => r.key === key)
  const rows = await queryRows<{ range: number; bin: number; n: number; sumMs: string }>(client, sql`
    SELECT range, bin, sum(n)::int AS n, sum(ms)::text AS "sumMs" FROM (
      SELECT d.range, r.bin, r.changes AS n, r.sum_ms AS ms
      FROM unnest(${days.map((d) => d.day)}::date[], ${days.map((d) => rangeOf(d.key))}::int[]) AS d(day, range)
      JOIN ${rollup} AND r.environment_id = ANY(${w.environmentIds}::int[]) AND r.span = ${span.id}
      ${spans.length ? sql`UNION ALL
      SELECT range, coalesce(bin, ${UNTIMED_BIN}), 1, CASE WHEN bin >= 0 THEN round(seconds * 1000)::bigint ELSE 0 END
      FROM (
        -- the bin computed as the generated column is (lead_time_bin), so that the read stays in the
        -- (service, environment, deployed_at) index instead of scanning every bin of the rank index
        SELECT s.range, date_part('epoch', f.deployed_at - f.${raw(span.start)}) AS seconds,
          lead_time_bin(date_part('epoch', f.deployed_at - f.${raw(span.start)})) AS bin
        FROM ${pieces(spans.map((s) => ({ ...s, range: rangeOf(s.key) })))}
        JOIN ${raw(span.table)} f ON f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
          AND f.deployed_at >= s.a AND f.deployed_at < s.b
      ) p` : empty}
    ) x
    GROUP BY range, bin`)
  const histograms = new Map<string | null, Histogram>()
  for (const r of rows) {
    const range = ranges[r.range]!
    let h = histograms.get(range.key)
    if (!h) histograms.set(range.key, (h = { counts: new Map(), sumMs: 0, range }))
    if (r.n !== 0) h.counts.set(r.bin, (h.counts.get(r.bin) ?? 0) + r.n)
    h.sumMs += Number(r.sumMs)
  }
  return histograms
}

// The pieces as a relation s(a, b, range). A few are written out as values, so the planner estimates
// their rows from the column's statistics: joined from an array, a 6-day piece of one service was
// estimated at 13 times its rows and read by parallel workers.
function pieces(spans: (KeyedRange & { range: number })[]): Sql {
  if (spans.length > 4) {
    return sql`unnest(${spans.map((s) => s.from)}::timestamptz[], ${spans.map((s) => s.to)}::timestamptz[], ${spans.map((s) => s.range)}::int[]) AS s(a, b, range)`
  }
  return sql`(VALUES ${join(spans.map((s) => sql`(${s.from}::timestamptz, ${s.to}::timestamptz, ${s.range}::int)`))}) AS s(a, b, range)`
}

function mergeHistograms(parts: Histogram[], range: KeyedRange): Histogram {
  const counts = new Map<number, number>()
  let sumMs = 0
  for (const p of parts) {
    for (const [bin, c] of p.counts) counts.set(bin, (counts.get(bin) ?? 0) + c)
    sumMs += p.sumMs
  }
  return { counts, sumMs, range }
}

// The value at each (range, bin, offset): the rows of one bin in one range, sorted, one row each.
async function readRanks(span: Span, w: MetricWindow, lookups: { range: KeyedRange; at: RankPosition }[], client: Queryable): Promise<(number | undefined)[]> {
  if (lookups.length === 0) return []
  const rows = await queryRows<{ i: string; seconds: number }>(client, sql`
    SELECT l.i, v.seconds
    FROM unnest(${lookups.map((l) => l.range.from)}::timestamptz[], ${lookups.map((l) => l.range.to)}::timestamptz[],
      ${lookups.map((l) => l.at.bin)}::int2[], ${lookups.map((l) => l.at.offset)}::int[]) WITH ORDINALITY AS l(a, b, bin, off, i)
    CROSS JOIN LATERAL (
      SELECT date_part('epoch', f.deployed_at - f.${raw(span.start)}) AS seconds
      FROM ${raw(span.table)} f
      WHERE f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
        AND f.${raw(span.bin)} = l.bin AND f.deployed_at >= l.a AND f.deployed_at < l.b
      ORDER BY 1 OFFSET l.off LIMIT 1
    ) v`)
  const values: (number | undefined)[] = new Array(lookups.length).fill(undefined)
  for (const r of rows) values[Number(r.i) - 1] = r.seconds
  return values
}
