import { db, type DbOrTx } from '@/lib/db'
import type { ServiceRow } from '@/lib/queries/find-or-create-service'

export async function getServiceBySlug(slug: string, client: DbOrTx = db()): Promise<ServiceRow | null> {
  const rows = await client.$queryRaw<ServiceRow[]>`SELECT id, team_id AS "teamId", slug FROM service WHERE slug = ${slug}`
  return rows[0] ?? null
}
