import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'

// The team's enabled checks that Plimsoll runs (http, tcp), with the team row locked so two creations at
// once cannot both take the last place under the cap; and whether (service, name) is one of them already.
export async function countTeamRunChecks(tx: Tx, teamId: number, serviceId: number, name: string): Promise<{ count: number; isOne: boolean }> {
  await tx.query(sql`SELECT id FROM team WHERE id = ${teamId} FOR UPDATE`)
  const [row] = await queryRows<{ count: number; isOne: boolean }>(tx, sql`
    SELECT count(*)::int AS count, coalesce(bool_or(c.service_id = ${serviceId} AND c.name = ${name}), false) AS "isOne"
    FROM probe_check c JOIN service s ON s.id = c.service_id
    WHERE s.team_id = ${teamId} AND c.enabled AND c.kind <> 'external'`)
  return row!
}
