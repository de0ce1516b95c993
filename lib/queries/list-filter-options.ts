import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type FilterOptions = {
  teams: { id: number; slug: string; name: string }[]
  services: { slug: string; name: string; team: string }[]
  environments: { name: string; tier: string }[]
}

export async function listFilterOptions(client: Queryable = pool()): Promise<FilterOptions> {
  const [teams, services, environments] = await Promise.all([
    queryRows<FilterOptions['teams'][number]>(client, sql`SELECT id, slug, name FROM team ORDER BY name`),
    queryRows<FilterOptions['services'][number]>(client, sql`SELECT s.slug, s.name, t.slug AS team FROM service s JOIN team t ON t.id = s.team_id ORDER BY s.slug`),
    queryRows<FilterOptions['environments'][number]>(client, sql`SELECT name, tier::text AS tier FROM environment ORDER BY tier, name`),
  ])
  return { teams, services, environments }
}
