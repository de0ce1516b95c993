import type { CommitInput } from '@/lib/validation/deployments'
import type { MappedRepository } from '@/lib/queries/github-connections'

// One service's share of a set of commits: `commits` are its own (stored as its changes), `ifKnown`
// are commits whose paths are not known (a pull request's merge commit): they only update changes the
// service already has.
export type ServiceCommits = { serviceId: number; commits: CommitInput[]; ifKnown: CommitInput[] }

// "services/api" owns "services/api/x.ts" and "services/api" itself, not "services/api-gateway/x.ts".
export function touchesPrefix(path: string, prefix: string): boolean {
  const p = prefix.replace(/^\.?\/+/, '').replace(/\/+$/, '')
  return p === '' || path === p || path.startsWith(`${p}/`)
}

// Which of a repository's services each commit belongs to: a service without path prefixes owns the
// whole repository; one with prefixes owns the commits that touch at least one of them (`paths` per
// sha: added, removed and modified files, from a push or from the commit itself).
export function routeCommits(services: MappedRepository[], commits: CommitInput[], paths?: Record<string, string[]>): ServiceCommits[] {
  return services.map((s) => {
    if (s.pathPrefixes.length === 0) return { serviceId: s.serviceId, commits, ifKnown: [] }
    const owned: CommitInput[] = []
    const unknown: CommitInput[] = []
    for (const c of commits) {
      const touched = paths?.[c.sha]
      if (!touched) unknown.push(c)
      else if (touched.some((f) => s.pathPrefixes.some((p) => touchesPrefix(f, p)))) owned.push(c)
    }
    return { serviceId: s.serviceId, commits: owned, ifKnown: unknown }
  })
}
