import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type DigestTeam = { id: number; slug: string; name: string; timeZone: string }

export async function listDigestTeams(teamIds: number[] | null, client: Queryable = pool()): Promise<DigestTeam[]> {
  return queryRows<DigestTeam>(client, sql`
    SELECT id, slug, name, time_zone AS "timeZone" FROM team WHERE (${teamIds}::int[] IS NULL OR id = ANY(${teamIds}::int[])) ORDER BY id`)
}

export async function digestSent(teamId: number, weekStart: string, client: Queryable = pool()): Promise<boolean> {
  return (await queryRows(client, sql`SELECT 1 FROM team_digest WHERE team_id = ${teamId} AND week_start = ${weekStart}::date`)).length > 0
}

// Takes the week's digest for this team; false: another run already did (it sends it, or sent it).
export async function claimDigest(client: Queryable, teamId: number, weekStart: string): Promise<boolean> {
  const rows = await queryRows(client, sql`
    INSERT INTO team_digest (team_id, week_start) VALUES (${teamId}, ${weekStart}::date) ON CONFLICT DO NOTHING RETURNING team_id`)
  return rows.length > 0
}
