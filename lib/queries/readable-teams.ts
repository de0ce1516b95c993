import sql, { type Sql } from 'sql-template-tag'

// The teams a reader may see (lib/auth/access.ts readableTeamIds): their ids, or 'all' for admins
// and installs where everyone reads the whole organisation.
export type ReadableTeams = number[] | 'all'

// The one SQL condition every dashboard list uses to keep rows of readable teams; `teamId` is the
// team id column of the rows (t.id, s.team_id). 'all' adds no condition, so admins' plans are unchanged.
export function readableTeamsSql(teamId: Sql, readable: ReadableTeams): Sql {
  return readable === 'all' ? sql`true` : sql`${teamId} = ANY(${readable}::int[])`
}
