import { listBuckets, type Granularity } from '@/lib/time/buckets'
import type { FieldError } from '@/lib/http/app-error'

export type SelectedBucket = { key: string; from: Date; to: Date }

// The chart bucket a metric page's records are narrowed to (?bucket=<local start date>, as the chart
// labels it), clipped to the window: the first and last buckets may reach outside it, and the figure
// a bar shows counts only the records inside the window.
export function selectBucket(
  key: string | undefined,
  window: { from: Date; to: Date },
  granularity: Granularity,
  tz: string,
): { ok: true; bucket: SelectedBucket | null } | { ok: false; errors: FieldError[] } {
  if (key === undefined || key === '') return { ok: true, bucket: null }
  const bucket = listBuckets(window.from, window.to, granularity, tz).find((b) => b.key === key)
  if (!bucket) return { ok: false, errors: [{ path: 'bucket', message: `must be the start date of a ${granularity} in the range, e.g. as a chart labels it` }] }
  return {
    ok: true,
    bucket: {
      key,
      from: new Date(Math.max(bucket.start.getTime(), window.from.getTime())),
      to: new Date(Math.min(bucket.end.getTime(), window.to.getTime())),
    },
  }
}
