import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { signInMethods } from '@/lib/auth/auth'
import { getPageUser } from '@/lib/auth/page-user'
import { safeNextPath } from '@/lib/auth/safe-next-path'
import { DEMO_VIEWER_EMAIL } from '@/lib/queries/auth/users'
import { SignInForm } from '@/components/auth/sign-in-form'

export const metadata: Metadata = { title: 'Sign in' }

export const dynamic = 'force-dynamic'

const ERRORS: Record<string, string> = {
  sso: 'Single sign-on failed or was cancelled.',
  github: 'GitHub sign-in failed: ask an admin to add your email first.',
  signup_disabled: 'No Plimsoll account has this email; ask an admin to add you.',
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams
  const next = safeNextPath(params.next)
  // the demo viewer is who a visitor of a demo install is until they sign in (the session any page hands
  // out, a prefetch's included), so it never keeps a person away from this form
  const user = await getPageUser().catch(() => null)
  if (user && user.email !== DEMO_VIEWER_EMAIL) redirect(next)
  return (
    <section className="auth-page">
      <h1>Sign in to Plimsoll</h1>
      <SignInForm next={next} methods={signInMethods()} initialError={params.error ? (ERRORS[params.error] ?? 'Sign-in failed.') : undefined} />
    </section>
  )
}
