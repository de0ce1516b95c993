// A-E compliance grade, or why there is none.
export function GradeBadge({ grade, broken }: { grade: string | null; broken?: boolean }) {
  if (broken) return <span className="badge grade-broken" title="Nothing scored, or scanner errors: not compliant">broken scan</span>
  if (!grade) return <span className="muted">–</span>
  return <span className={`badge grade-${grade}`} aria-label={`grade ${grade}`}>{grade}</span>
}

export { formatScore } from '@/lib/format/format-metric'
