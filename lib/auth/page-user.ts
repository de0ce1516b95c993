import { cache } from 'react'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { readableTeamIds } from '@/lib/auth/access'
import { sessionPrincipal, type UserPrincipal } from '@/lib/auth/principal'
import type { ReadableTeams } from '@/lib/queries/readable-teams'

// The signed-in person of a server-rendered page (one session lookup per request). proxy.ts already
// sent everyone else to /sign-in; this is the check pages rely on for role-dependent controls.
export const getPageUser = cache(async (): Promise<UserPrincipal | null> => sessionPrincipal(await headers()))

export async function requirePageUser(): Promise<UserPrincipal> {
  const user = await getPageUser()
  if (!user) redirect('/sign-in')
  return user
}

// The teams the page's reader may see: every page passes it to its lists and scopes, so team-only
// reading (PLIMSOLL_READ_SCOPE=team) holds on the dashboard as it does in the API.
export async function pageReadableTeams(): Promise<ReadableTeams> {
  return readableTeamIds(await requirePageUser())
}
