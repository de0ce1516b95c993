import { cache } from 'react'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { sessionPrincipal, type UserPrincipal } from '@/lib/auth/principal'

// The signed-in person of a server-rendered page (one session lookup per request). proxy.ts already
// sent everyone else to /sign-in; this is the check pages rely on for role-dependent controls.
export const getPageUser = cache(async (): Promise<UserPrincipal | null> => sessionPrincipal(await headers()))

export async function requirePageUser(): Promise<UserPrincipal> {
  const user = await getPageUser()
  if (!user) redirect('/sign-in')
  return user
}
