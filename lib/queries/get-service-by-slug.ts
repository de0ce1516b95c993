import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { ServiceRow } from '@/lib/queries/find-or-create-service'

export async function getServiceBySlug(slug: string, client: Queryable = pool()): Promise<ServiceRow | null> {
  const rows = await queryRows<ServiceRow>(client, sql`SELECT id, team_id AS "teamId", slug FROM service WHERE slug = ${slug}`)
  return rows[0] ?? null
}

export async function getServiceById(id: number, client: Queryable = pool()): Promise<ServiceRow | null> {
  const rows = await queryRows<ServiceRow>(client, sql`SELECT id, team_id AS "teamId", slug FROM service WHERE id = ${id}`)
  return rows[0] ?? null
}
