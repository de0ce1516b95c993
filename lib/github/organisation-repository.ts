import { pool } from '@/lib/db'
import type { GitHubClient } from '@/lib/github/github-client'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { listRepositoryServices, mapGithubRepository, type GithubConnection, type MappedRepository } from '@/lib/queries/github-connections'

// A repository of the connection's organisation that is not mapped yet: on its first delivery it becomes
// the service of the same name in the connection's team (created if new; slugs are unique per team, so
// another team's service of that name does not matter; "<org>-<name>" when the name makes no slug), so an
// organisation webhook needs no setup per repository. Mapped repositories (monorepos with path prefixes,
// another service name) keep their mapping.
export async function mapOrganisationRepository(connection: GithubConnection, fullName: string): Promise<MappedRepository[]> {
  const [owner, name] = fullName.toLowerCase().split('/')
  if (!connection.organisation || owner !== connection.organisation || !name) return []
  const base = name.replace(/^[^a-z0-9]+/, '')
  for (const slug of [base, `${owner}-${base}`].map((s) => s.slice(0, 100))) {
    if (!slug || slug.startsWith('-')) continue
    const service = await findOrCreateService(pool(), connection.teamId, { slug, repositoryUrl: `https://github.com/${owner}/${name}` })
    await mapGithubRepository(pool(), { connectionId: connection.id, fullName, serviceId: service.id })
    return listRepositoryServices(connection.id, fullName)
  }
  return []
}

// Every repository of the organisation that is not archived, mapped as its first delivery would map it:
// what `npm run github -- backfill <org>` imports. Returns their full names.
export async function mapOrganisationRepositories(github: GitHubClient, connection: GithubConnection): Promise<string[]> {
  if (!connection.organisation) return []
  const mapped: string[] = []
  for await (const page of github.paginate.iterator('GET /orgs/{org}/repos', { org: connection.organisation, per_page: 100 })) {
    for (const r of page.data as { full_name: string; archived?: boolean }[]) {
      if (r.archived) continue
      const services = await listRepositoryServices(connection.id, r.full_name)
      if (services.length > 0 || (await mapOrganisationRepository(connection, r.full_name)).length > 0) mapped.push(r.full_name.toLowerCase())
    }
  }
  return mapped
}
