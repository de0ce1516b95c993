import { pool } from '@/lib/db'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { listRepositoryServices, mapGithubRepository, type GithubConnection, type MappedRepository } from '@/lib/queries/github-connections'

// A repository of the connection's organisation that is not mapped yet: on its first delivery it becomes
// the service of the same name in the connection's team (created if new; "<org>-<name>" when another
// team has that name), so an organisation webhook needs no setup per repository. Mapped repositories
// (monorepos with path prefixes, another service name) keep their mapping.
export async function mapOrganisationRepository(connection: GithubConnection, fullName: string): Promise<MappedRepository[]> {
  const [owner, name] = fullName.toLowerCase().split('/')
  if (!connection.organisation || owner !== connection.organisation || !name) return []
  const base = name.replace(/^[^a-z0-9]+/, '')
  for (const slug of [base, `${owner}-${base}`].map((s) => s.slice(0, 100))) {
    if (!slug || slug.startsWith('-')) continue
    const service = await findOrCreateService(pool(), connection.teamId, { slug, repositoryUrl: `https://github.com/${owner}/${name}` })
    if (service.teamId !== connection.teamId) continue
    await mapGithubRepository(pool(), { connectionId: connection.id, fullName, serviceId: service.id })
    return listRepositoryServices(connection.id, fullName)
  }
  return []
}
