import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'
import { normalizeRepositoryUrl, type ServiceRef } from '@/lib/ingest/deployment-input'
import { AppError } from '@/lib/errors/app-error'
import type { EnvironmentStrategies } from '@/lib/validation/environment-strategies'

const columns = sql`id, team_id AS "teamId", slug, environment_strategies AS "environmentStrategies"`

// environmentStrategies: the service's environment-name rules (lib/ingest/environment-strategy-rule.ts)
export type ServiceRow = { id: number; teamId: number; slug: string; environmentStrategies: EnvironmentStrategies }

// A service of `teamId` named by slug, or (DevLake bodies) by its repository; created there on first sight.
// Slugs are unique per team, so another team's service of the same slug or repository is never found here:
// a token can neither learn of it nor write to it, and may use the same slug for a service of its own.
export async function findOrCreateService(tx: Queryable, teamId: number, ref: ServiceRef): Promise<ServiceRow> {
  const repositoryUrl = ref.repositoryUrl ? normalizeRepositoryUrl(ref.repositoryUrl) : null
  if (ref.slugFromRepository && repositoryUrl) {
    const own = await queryRows<ServiceRow>(tx, sql`
      SELECT ${columns} FROM service WHERE repository_url = ${repositoryUrl} AND team_id = ${teamId} ORDER BY id`)
    if (own.length > 1) {
      throw new AppError('VALIDATION_FAILED', `Repository ${repositoryUrl} maps to several services (${own.map((s) => s.slug).join(', ')}); name one with ?service=<slug>.`, [
        { path: 'deploymentCommits.repoUrl', message: 'maps to several services' },
      ])
    }
    if (own[0]) return own[0]
  }
  // looked up first: INSERT ... ON CONFLICT takes a sequence value even when the row exists, and every
  // ingest request comes here (the id would run out long before the services do)
  const existing = await serviceBySlug(tx, teamId, ref.slug)
  if (existing) return existing
  const inserted = await queryRows<ServiceRow>(tx, sql`
    INSERT INTO service (team_id, slug, name, repository_url)
    VALUES (${teamId}, ${ref.slug}, ${ref.name ?? ref.slug}, ${repositoryUrl})
    ON CONFLICT (team_id, slug) DO NOTHING
    RETURNING ${columns}`)
  if (inserted[0]) return inserted[0]
  // a concurrent request created it first (one value burned, only in this race)
  const raced = await serviceBySlug(tx, teamId, ref.slug)
  if (!raced) throw new Error(`service ${ref.slug} vanished during insert`)
  return raced
}

async function serviceBySlug(tx: Queryable, teamId: number, slug: string): Promise<ServiceRow | undefined> {
  return (await queryRows<ServiceRow>(tx, sql`SELECT ${columns} FROM service WHERE team_id = ${teamId} AND slug = ${slug}`))[0]
}
