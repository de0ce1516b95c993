import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

// What a reader may pick from, and whom it is for: resolveDashboardScope keeps the org-wide scope to
// these teams. Environments are shared by every team, so they are not narrowed.
export type FilterOptions = {
  readable: ReadableTeams
  teams: { id: number; slug: string; name: string }[]
  services: { slug: string; name: string; team: string }[]
  environments: { name: string; tier: string }[]
}

export async function listFilterOptions(readable: ReadableTeams, client: Queryable = pool()): Promise<FilterOptions> {
  const [teams, services, environments] = await Promise.all([
    queryRows<FilterOptions['teams'][number]>(client, sql`SELECT id, slug, name FROM team t WHERE ${readableTeamsSql(sql`t.id`, readable)} ORDER BY name`),
    queryRows<FilterOptions['services'][number]>(client, sql`
      SELECT s.slug, s.name, t.slug AS team FROM service s JOIN team t ON t.id = s.team_id
      WHERE ${readableTeamsSql(sql`t.id`, readable)} ORDER BY s.slug`),
    queryRows<FilterOptions['environments'][number]>(client, sql`SELECT name, tier::text AS tier FROM environment ORDER BY tier, name`),
  ])
  return { readable, teams, services, environments }
}
