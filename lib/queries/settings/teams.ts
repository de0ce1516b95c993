import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'
import type { TeamRef } from '@/lib/queries/get-team'

export async function createTeam(input: { slug: string; name: string }, client: Queryable = pool()): Promise<TeamRef> {
  const [team] = await queryRows<TeamRef>(client, sql`
    INSERT INTO team (slug, name) VALUES (${input.slug}, ${input.name})
    ON CONFLICT (slug) DO NOTHING RETURNING id, slug, name`)
  if (!team) throw new AppError('CONFLICT', `A team with slug "${input.slug}" already exists.`, [{ path: 'slug', message: 'already taken' }])
  return team
}

// The slug stays: it is in URLs, tokens' error messages and pipelines' configuration.
export async function updateTeam(slug: string, u: { name?: string; timeZone?: string }, client: Queryable = pool()): Promise<TeamRef & { timeZone: string }> {
  const [team] = await queryRows<TeamRef & { timeZone: string }>(client, sql`
    UPDATE team SET name = coalesce(${u.name ?? null}, name), time_zone = coalesce(${u.timeZone ?? null}, time_zone)
    WHERE slug = ${slug} RETURNING id, slug, name, time_zone AS "timeZone"`)
  if (!team) throw new AppError('NOT_FOUND', `No team "${slug}".`)
  return team
}

// Team ids for slugs, in order; a missing slug is named (the caller turns it into a 422 on its field).
export async function getTeamIdsBySlugs(slugs: string[], client: Queryable = pool()): Promise<{ ids: number[]; missing: string[] }> {
  const rows = await queryRows<{ id: number; slug: string }>(client, sql`SELECT id, slug FROM team WHERE slug = ANY(${slugs}::text[])`)
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]))
  return { ids: slugs.flatMap((s) => bySlug.get(s) ?? []), missing: slugs.filter((s) => !bySlug.has(s)) }
}
