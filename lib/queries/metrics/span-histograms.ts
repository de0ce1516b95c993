import sql, { empty, raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { interpolate, percentilePositions, splitAtUtcDays, type KeyedRange, type RankPosition } from '@/lib/metrics/lead-time-histogram'
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

// Exact percentiles of a span over a whole team's (or teams') services, from the daily histograms:
// about a hundred rows per day instead of every row, then one short sorted read per rank a percentile
// needs. Per bucket and in all (bucket null), or in all only for w.totalsOnly. Returns null when the
// histograms and the rows disagree (triggers keep them; that would be a bug) so the caller can fall
// back to reading every row.
export async function spanStatsFromRollup(span: Span, w: MetricWindow, teamIds: number[], percentiles: readonly number[], client: Queryable = pool()): Promise<SpanStats[] | null> {
  const ranges = windowRanges(w)
  const histograms = await readHistograms(span, w, teamIds, ranges, client)
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

// Histograms per range: whole UTC days from lead_time_rollup, the pieces of days at the ranges' edges
// (other time zones, windows not starting at midnight) binned from the rows themselves. Without
// pieces, no second branch: its row estimate alone made the planner start parallel workers.
async function readHistograms(span: Span, w: MetricWindow, teamIds: number[], ranges: KeyedRange[], client: Queryable): Promise<Map<string | null, Histogram>> {
  const { days, spans } = splitAtUtcDays(ranges)
  const rangeOf = (key: string | null) => ranges.findIndex((r) => r.key === key)
  const rows = await queryRows<{ range: number; bin: number; n: number; sumMs: string }>(client, sql`
    SELECT range, bin, sum(n)::int AS n, sum(ms)::text AS "sumMs" FROM (
      SELECT d.range, r.bin, r.changes AS n, r.sum_ms AS ms
      FROM unnest(${days.map((d) => d.day)}::date[], ${days.map((d) => rangeOf(d.key))}::int[]) AS d(day, range)
      JOIN lead_time_rollup r ON r.team_id = ANY(${teamIds}::int[]) AND r.environment_id = ANY(${w.environmentIds}::int[])
        AND r.span = ${span.id} AND r.day = d.day
      ${spans.length ? sql`UNION ALL
      SELECT s.range, coalesce(f.${raw(span.bin)}, ${UNTIMED_BIN}), 1,
        CASE WHEN f.${raw(span.bin)} >= 0 THEN round(date_part('epoch', f.deployed_at - f.${raw(span.start)}) * 1000)::bigint ELSE 0 END
      FROM unnest(${spans.map((s) => s.from)}::timestamptz[], ${spans.map((s) => s.to)}::timestamptz[], ${spans.map((s) => rangeOf(s.key))}::int[]) AS s(a, b, range)
      JOIN ${raw(span.table)} f ON f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
        AND f.deployed_at >= s.a AND f.deployed_at < s.b` : empty}
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
      WHERE f.environment_id = ANY(${w.environmentIds}::int[]) AND f.${raw(span.bin)} = l.bin
        AND f.deployed_at >= l.a AND f.deployed_at < l.b AND f.service_id = ANY(${w.serviceIds}::int[])
      ORDER BY 1 OFFSET l.off LIMIT 1
    ) v`)
  const values: (number | undefined)[] = new Array(lookups.length).fill(undefined)
  for (const r of rows) values[Number(r.i) - 1] = r.seconds
  return values
}
