import { readableTeamIds } from '@/lib/auth/access'
import type { Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/http/app-error'

// A report or page scope (organisation, team or service) a team-only reader may not see is refused.
export function assertScopeReadable(p: Principal, scope: { kind?: string; team: string | null; services: { teamId: number; slug: string }[] }): void {
  const readable = readableTeamIds(p)
  if (readable === 'all') return
  if (scope.kind === 'org') throw new AppError('FORBIDDEN', 'You may read only your teams\' data, not the whole organisation.')
  const foreign = scope.services.find((s) => !readable.includes(s.teamId))
  if (foreign) throw new AppError('FORBIDDEN', `You may read only your teams' data, not service "${foreign.slug}".`)
}
