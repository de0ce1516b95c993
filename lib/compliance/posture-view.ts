import { CONTROLS, OTHER, type ControlId } from '@/lib/compliance/posture-controls'
import type { StoredCell } from '@/lib/queries/compliance/get-posture-matrix'

export type MatrixStatus = 'pass' | 'fail' | 'not_checked'
export type WorkloadRow = { workload: string; controls: Record<ControlId, MatrixStatus>; failing: Partial<Record<ControlId, string[]>> }
export type ControlsMatrix = { controls: { id: ControlId; title: string; severity: string }[]; workloads: WorkloadRow[] }

// Stored cells as a table: one row per workload, every control of the table (and "other") in each,
// "not_checked" where the scan had no cell. Failing workloads first.
export function matrixView(cells: StoredCell[]): ControlsMatrix {
  const controls = [...CONTROLS, OTHER].map((c) => ({ id: c.id, title: c.title, severity: c.severity }))
  const rows = new Map<string, WorkloadRow>()
  for (const cell of cells) {
    const row = rows.get(cell.workload) ?? {
      workload: cell.workload,
      controls: Object.fromEntries(controls.map((c) => [c.id, 'not_checked'])) as Record<ControlId, MatrixStatus>,
      failing: {},
    }
    const id = cell.control as ControlId
    row.controls[id] = cell.status
    if (cell.status === 'fail') row.failing[id] = cell.checks
    rows.set(cell.workload, row)
  }
  const fails = (r: WorkloadRow) => Object.values(r.controls).filter((s) => s === 'fail').length
  return { controls, workloads: [...rows.values()].sort((a, b) => fails(b) - fails(a) || a.workload.localeCompare(b.workload)) }
}
