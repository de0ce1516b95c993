import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type TeamRef = { id: number; slug: string; name: string }

export async function getTeamBySlug(slug: string, client: Queryable = pool()): Promise<TeamRef | null> {
  return (await queryRows<TeamRef>(client, sql`SELECT id, slug, name FROM team WHERE slug = ${slug}`))[0] ?? null
}

export async function getTeamById(id: number, client: Queryable = pool()): Promise<TeamRef | null> {
  return (await queryRows<TeamRef>(client, sql`SELECT id, slug, name FROM team WHERE id = ${id}`))[0] ?? null
}
