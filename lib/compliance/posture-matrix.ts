import { SEVERITY_WEIGHT } from '@/lib/compliance/compliance-score'
import type { Severity } from '@/lib/compliance/findings'
import { CONTROLS, OTHER, controlFamilies, controlOf, isMapped, type Control, type ControlId } from '@/lib/compliance/posture-controls'
import type { PostureCheck, PostureReport, PostureRun } from '@/lib/compliance/posture'

// The controls matrix of a posture scan: per workload and control, pass, fail or not checked (no
// cell), and P, the severity-weighted pass rate of its cells (docs/compliance.md). Pure.

export type ControlCell = {
  workload: string
  control: ControlId
  status: 'pass' | 'fail'
  // the control's severity, raised to the worst failing check's
  severity: Severity
  // the failing checks, or the passing ones when none failed
  checks: string[]
}

const RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, unknown: 1, negligible: 0 }
const worse = (a: Severity, b: Severity) => (RANK[b] > RANK[a] ? b : a)

export function controlsMatrix(report: Pick<PostureReport, 'checks' | 'runs'>): ControlCell[] {
  const byWorkload = new Map<string, PostureCheck[]>()
  for (const c of report.checks) byWorkload.set(c.workload, [...(byWorkload.get(c.workload) ?? []), c])
  const runsOn = new Map<string, { families: Set<string>; passed: number }>()
  for (const r of report.runs) {
    const seen = runsOn.get(r.workload) ?? { families: new Set<string>(), passed: 0 }
    seen.families.add(r.family)
    seen.passed += r.passed
    runsOn.set(r.workload, seen)
  }
  const workloads = [...new Set([...byWorkload.keys(), ...runsOn.keys()])].sort()
  return workloads.flatMap((workload) => {
    const checks = byWorkload.get(workload) ?? []
    const ran = runsOn.get(workload)
    return [...CONTROLS, OTHER].flatMap((control) => {
      const mine = checks.filter((c) => controlOf(c.family, c.checkId) === control)
      const cell = cellOf(workload, control, mine, ran)
      return cell ? [cell] : []
    })
  })
}

function cellOf(workload: string, control: Control, checks: PostureCheck[], ran?: { families: Set<string>; passed: number }): ControlCell | null {
  const key = (c: PostureCheck) => `${c.family}/${c.checkId}`
  const failed = checks.filter((c) => c.status === 'fail')
  if (failed.length > 0) {
    const severity = failed.reduce<Severity>((s, c) => worse(s, c.severity ?? control.severity), control.severity)
    return { workload, control: control.id, status: 'fail', severity, checks: [...new Set(failed.map(key))].sort() }
  }
  const passed = checks.filter((c) => c.status === 'pass')
  // a scanner that lists only failures ran this control's checks here and none failed
  const families = control === OTHER ? null : controlFamilies(control)
  const ranHere = ran && (families ? [...ran.families].some((f) => families.has(f)) : ran.passed > 0)
  if (passed.length === 0 && !ranHere) return null
  return { workload, control: control.id, status: 'pass', severity: control.severity, checks: [...new Set(passed.map(key))].sort() }
}

// For scanners that list failures only (KICS, SARIF): a file with a failing check of one of the talk's
// controls holds a workload, and its family's other checks ran there without failing. A file whose
// failures are all "other" (an RBAC Role, a Terraform file) says nothing of the workload controls.
export function inferredRuns(checks: PostureCheck[]): PostureRun[] {
  const runs = new Map<string, PostureRun>()
  for (const c of checks) {
    if (c.status === 'fail' && isMapped(c.family, c.checkId)) runs.set(`${c.workload}\u0000${c.family}`, { workload: c.workload, family: c.family, passed: 0 })
  }
  return [...runs.values()]
}

// P in [0, 100]: 100 x the weight of the passing cells / the weight of all checked cells; null when
// nothing was checked.
export function postureScore(cells: Pick<ControlCell, 'status' | 'severity'>[]): number | null {
  let total = 0
  let passed = 0
  for (const c of cells) {
    const w = SEVERITY_WEIGHT[c.severity]
    total += w
    if (c.status === 'pass') passed += w
  }
  return total > 0 ? (100 * passed) / total : null
}
