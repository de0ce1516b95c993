import sql from 'sql-template-tag'
import type pg from 'pg'
import type { ControlCell } from '@/lib/compliance/posture-matrix'

export async function insertPostureControls(tx: pg.ClientBase, scanId: number, cells: ControlCell[]): Promise<void> {
  if (cells.length === 0) return
  const rows = JSON.stringify(cells.map((c) => ({ workload: c.workload, control: c.control, status: c.status, severity: c.severity, checks: c.checks })))
  await tx.query(sql`
    INSERT INTO posture_control_result (scan_id, workload, control, status, severity, checks)
    SELECT ${scanId}, r.workload, r.control, r.status, r.severity, ARRAY(SELECT json_array_elements_text(r.checks))
    FROM json_to_recordset(${rows}::json) AS r(workload text, control text, status text, severity text, checks json)
    ON CONFLICT DO NOTHING`)
}
