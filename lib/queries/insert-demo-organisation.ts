import type pg from 'pg'
import type { DemoOrganisation } from '@/lib/demo/types'

/** Teams, services and environments with the generator's explicit ids. */
export async function insertDemoOrganisation(client: pg.ClientBase, org: DemoOrganisation): Promise<void> {
  await client.query(
    'INSERT INTO team (id, slug, name) SELECT * FROM unnest($1::int[], $2::text[], $3::text[])',
    [org.teams.map((t) => t.id), org.teams.map((t) => t.slug), org.teams.map((t) => t.name)],
  )
  await client.query(
    `INSERT INTO environment (id, name, tier)
     SELECT * FROM unnest($1::int[], $2::text[], $3::"EnvironmentTier"[])`,
    [org.environments.map((e) => e.id), org.environments.map((e) => e.name), org.environments.map((e) => e.tier)],
  )
  // path_prefixes is text[] per row; every demo service owns its whole repository, so it stays empty.
  await client.query(
    `INSERT INTO service (id, team_id, slug, name, repository_url, path_prefixes, slo_target, slo_window)
     SELECT u.id, u.team_id, u.slug, u.name, u.repository_url, '{}'::text[], u.slo_target, u.slo_window
     FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::"SloWindow"[])
       AS u(id, team_id, slug, name, repository_url, slo_target, slo_window)`,
    [
      org.services.map((s) => s.id), org.services.map((s) => s.teamId), org.services.map((s) => s.slug),
      org.services.map((s) => s.name), org.services.map((s) => s.repositoryUrl),
      org.services.map((s) => s.sloTarget), org.services.map((s) => s.sloWindow),
    ],
  )
}
