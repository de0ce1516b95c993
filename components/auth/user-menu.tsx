'use client'
import { authClient } from '@/lib/auth/auth-client'

// Who is signed in, and the way out.
export function UserMenu({ name, role }: { name: string; role: string }) {
  async function signOut() {
    await authClient.signOut()
    window.location.assign('/sign-in')
  }
  return (
    <div className="user-menu">
      <span>{name} <span className="muted">({role})</span></span>
      <button type="button" onClick={signOut}>Sign out</button>
    </div>
  )
}
