import type { Metadata } from 'next'
import { setupLinkIsLive } from '@/lib/auth/first-admin'
import { SetupForm } from '@/components/auth/setup-form'

export const metadata: Metadata = { title: 'Set up' }

export const dynamic = 'force-dynamic'

// /setup?token=… – the one-time link the first start printed.
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams
  const live = await setupLinkIsLive(token)
  return (
    <section className="auth-page">
      <h1>Create the first admin</h1>
      {live ? <SetupForm token={token!} /> : <p className="card">This setup link is used, expired or unknown. An admin already exists, or restart Plimsoll to print a new link.</p>}
    </section>
  )
}
