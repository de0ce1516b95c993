// "The database holds only valid rows": the rules the ingest validation enforces (lib/validation),
// restated as SQL over what was stored. Each query returns the rows that break its rule.
import { admin } from './setup'

const SLUG = '^[a-z0-9][a-z0-9._-]{0,99}$'
const SHA = '^[0-9a-f]{7,64}$'

const rules: { rule: string; sql: string }[] = [
  { rule: 'service slug is a slug', sql: `SELECT slug AS example FROM service WHERE slug !~ '${SLUG}'` },
  { rule: 'environment name is a slug', sql: `SELECT name AS example FROM environment WHERE name !~ '${SLUG}'` },
  {
    rule: 'deployment status is known',
    sql: `SELECT status::text AS example FROM deployment WHERE status::text NOT IN ('success', 'failure', 'in_progress', 'cancelled')`,
  },
  {
    rule: 'deployment external id is 1-200 characters',
    sql: `SELECT external_id AS example FROM deployment WHERE length(btrim(external_id)) = 0 OR length(external_id) > 200`,
  },
  { rule: 'deployment finishes after it starts', sql: `SELECT external_id AS example FROM deployment WHERE finished_at < started_at` },
  {
    rule: 'an in-progress deployment has no finish',
    sql: `SELECT external_id AS example FROM deployment WHERE status = 'in_progress' AND finished_at IS NOT NULL`,
  },
  {
    rule: 'a finished deployment has a finish time',
    sql: `SELECT external_id AS example FROM deployment WHERE status <> 'in_progress' AND finished_at IS NULL`,
  },
  { rule: 'deployment sha is hexadecimal', sql: `SELECT sha AS example FROM deployment WHERE sha IS NOT NULL AND sha !~ '${SHA}'` },
  { rule: 'change sha is hexadecimal', sql: `SELECT sha AS example FROM change WHERE sha !~ '${SHA}'` },
  {
    rule: 'incident external id is 1-200 characters',
    sql: `SELECT external_id AS example FROM incident WHERE length(btrim(external_id)) = 0 OR length(external_id) > 200`,
  },
  { rule: 'incident title is 1-500 characters', sql: `SELECT title AS example FROM incident WHERE length(btrim(title)) = 0 OR length(title) > 500` },
  { rule: 'incident resolves after it opens', sql: `SELECT external_id AS example FROM incident WHERE resolved_at < opened_at` },
  {
    rule: 'probe check is runnable',
    sql: `SELECT name AS example FROM probe_check WHERE (kind = 'http' AND url !~ '^https?://') OR (kind = 'tcp' AND (port NOT BETWEEN 1 AND 65535 OR host IS NULL))
      OR timeout_ms NOT BETWEEN 100 AND 30000 OR interval_seconds NOT BETWEEN 10 AND 86400 OR timeout_ms >= interval_seconds * 1000 OR expect_status_min > expect_status_max`,
  },
  { rule: 'probe check name has no "/"', sql: `SELECT name AS example FROM probe_check WHERE name ~ '/' OR length(btrim(name)) = 0` },
  {
    rule: 'URLs are http(s)',
    sql: `SELECT url AS example FROM deployment WHERE url IS NOT NULL AND url !~ '^https?://' UNION ALL SELECT url FROM incident WHERE url IS NOT NULL AND url !~ '^https?://'`,
  },
]

export async function invalidRows(url: string): Promise<{ rule: string; n: number; example: string }[]> {
  return admin(url, async (c) => {
    const out: { rule: string; n: number; example: string }[] = []
    for (const r of rules) {
      const { rows } = await c.query<{ example: string }>(`${r.sql} LIMIT 1000`)
      out.push({ rule: r.rule, n: rows.length, example: rows[0] ? String(rows[0].example).slice(0, 120) : '' })
    }
    return out
  })
}
