import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { interpolate, percentilePositions, splitAtUtcDays, type KeyedRange, type RankPosition } from '@/lib/metrics/lead-time-histogram'
import { listBuckets } from '@/lib/time/buckets'
import type { MetricWindow } from '@/lib/queries/metrics/scope-sql'
import type { LeadTimeStats } from '@/lib/queries/metrics/lead-time'

const PERCENTILES = [0.5, 0.75, 0.9] as const
const NEGATIVE_BIN = -1
const UNTIMED_BIN = -2

type Histogram = { counts: Map<number, number>; sumMs: number; range: KeyedRange }

// Lead time of a whole team's (or teams') services from the daily histograms in lead_time_rollup:
// about a hundred rows per day instead of every change, then one short sorted read per percentile.
// Returns null when the histograms and the changes disagree (they are kept by triggers; a
// disagreement is a bug), so the caller can fall back to reading every change.
export async function leadTimeStatsFromRollup(w: MetricWindow, teamIds: number[], client: Queryable = pool()): Promise<LeadTimeStats[] | null> {
  const ranges: KeyedRange[] = w.totalsOnly
    ? [{ key: null, from: w.from, to: w.to }]
    : listBuckets(w.from, w.to, w.granularity, w.tz).map((b) => ({
      key: b.key,
      from: new Date(Math.max(b.start.getTime(), w.from.getTime())),
      to: new Date(Math.min(b.end.getTime(), w.to.getTime())),
    }))
  const histograms = await readHistograms(w, teamIds, ranges, client)
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
    positions: PERCENTILES.map((p) => {
      const at = percentilePositions(h.counts, p)
      return at && { lo: indexOf(h.range, at.lo), hi: indexOf(h.range, at.hi), fraction: at.fraction }
    }),
  }))
  const values = await readRanks(w, lookups, client)
  if (values.some((v) => v === undefined)) return null

  return plans.map(({ h, positions }) => {
    const count = [...h.counts].reduce((s, [bin, c]) => (bin >= 0 ? s + c : s), 0)
    const [median, p75, p90] = positions.map((at) => (at ? interpolate(values[at.lo]!, values[at.hi]!, at.fraction) : null))
    return {
      bucket: h.range.key,
      count,
      median: median ?? null,
      p75: p75 ?? null,
      p90: p90 ?? null,
      mean: count ? h.sumMs / 1000 / count : null,
      negative: h.counts.get(NEGATIVE_BIN) ?? 0,
      untimed: h.counts.get(UNTIMED_BIN) ?? 0,
    }
  }).filter((s) => s.count + s.negative + s.untimed > 0 || s.bucket === null)
}

// Histograms per range: whole UTC days from lead_time_rollup, the pieces of days at the ranges' edges
// (other time zones, windows not starting at midnight) binned from the changes themselves.
async function readHistograms(w: MetricWindow, teamIds: number[], ranges: KeyedRange[], client: Queryable): Promise<Map<string | null, Histogram>> {
  const { days, spans } = splitAtUtcDays(ranges)
  const rows = await queryRows<{ range: number; bin: number; changes: number; sumMs: string }>(client, sql`
    SELECT range, bin, sum(changes)::int AS changes, sum(sum_ms)::text AS "sumMs" FROM (
      SELECT d.range, r.bin, r.changes, r.sum_ms
      FROM unnest(${days.map((d) => d.day)}::date[], ${days.map((d) => ranges.findIndex((r) => r.key === d.key))}::int[]) AS d(day, range)
      JOIN lead_time_rollup r ON r.team_id = ANY(${teamIds}::int[]) AND r.environment_id = ANY(${w.environmentIds}::int[]) AND r.day = d.day
      UNION ALL
      SELECT s.range, coalesce(f.lead_bin, ${UNTIMED_BIN}), 1,
        CASE WHEN f.lead_bin >= 0 THEN round(date_part('epoch', f.deployed_at - f.committed_at) * 1000)::bigint ELSE 0 END
      FROM unnest(${spans.map((s) => s.from)}::timestamptz[], ${spans.map((s) => s.to)}::timestamptz[], ${spans.map((s) => ranges.findIndex((r) => r.key === s.key))}::int[]) AS s(a, b, range)
      JOIN change_first_deployment f ON f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
        AND f.deployed_at >= s.a AND f.deployed_at < s.b
    ) x
    GROUP BY range, bin`)
  const histograms = new Map<string | null, Histogram>()
  for (const r of rows) {
    const range = ranges[r.range]!
    let h = histograms.get(range.key)
    if (!h) histograms.set(range.key, (h = { counts: new Map(), sumMs: 0, range }))
    if (r.changes !== 0) h.counts.set(r.bin, (h.counts.get(r.bin) ?? 0) + r.changes)
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

// The value at each (range, bin, offset): the changes of one bin in one range, sorted, one row each.
async function readRanks(w: MetricWindow, lookups: { range: KeyedRange; at: RankPosition }[], client: Queryable): Promise<(number | undefined)[]> {
  if (lookups.length === 0) return []
  const rows = await queryRows<{ i: string; seconds: number }>(client, sql`
    SELECT l.i, v.seconds
    FROM unnest(${lookups.map((l) => l.range.from)}::timestamptz[], ${lookups.map((l) => l.range.to)}::timestamptz[],
      ${lookups.map((l) => l.at.bin)}::int2[], ${lookups.map((l) => l.at.offset)}::int[]) WITH ORDINALITY AS l(a, b, bin, off, i)
    CROSS JOIN LATERAL (
      SELECT date_part('epoch', f.deployed_at - f.committed_at) AS seconds
      FROM change_first_deployment f
      WHERE f.environment_id = ANY(${w.environmentIds}::int[]) AND f.lead_bin = l.bin
        AND f.deployed_at >= l.a AND f.deployed_at < l.b AND f.service_id = ANY(${w.serviceIds}::int[])
      ORDER BY 1 OFFSET l.off LIMIT 1
    ) v`)
  const values: (number | undefined)[] = new Array(lookups.length).fill(undefined)
  for (const r of rows) values[Number(r.i) - 1] = r.seconds
  return values
}
