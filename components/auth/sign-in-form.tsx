'use client'
import { useState } from 'react'
import { authClient } from '@/lib/auth/auth-client'

type Methods = { github: boolean; oidc: { name: string } | null; demo: boolean }

// Email + password, and the single sign-on buttons the install has configured.
export function SignInForm({ next, methods, initialError }: { next: string; methods: Methods; initialError?: string }) {
  const [error, setError] = useState<string | undefined>(initialError)
  const [busy, setBusy] = useState(false)

  async function withPassword(form: FormData) {
    setBusy(true)
    setError(undefined)
    const { error: failed } = await authClient.signIn.email({ email: String(form.get('email')), password: String(form.get('password')) })
    setBusy(false)
    if (failed) setError(failed.status === 429 ? 'Too many attempts; wait a few minutes and try again.' : 'Wrong email or password.')
    else window.location.assign(next)
  }

  return (
    <div className="card auth-card">
      {/* onSubmit, not a form action: React resets a form after its action, and a failed attempt must keep the email */}
      <form onSubmit={(e) => { e.preventDefault(); void withPassword(new FormData(e.currentTarget)) }} className="auth-form">
        <label>Email<input name="email" type="email" autoComplete="username" required /></label>
        <label>Password<input name="password" type="password" autoComplete="current-password" required /></label>
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      {error && <p role="alert" className="form-error">{error}</p>}
      {(methods.github || methods.oidc) && <p className="muted">or</p>}
      {methods.oidc && (
        <button type="button" className="secondary" onClick={() => authClient.signIn.social({ provider: 'oidc', callbackURL: next, errorCallbackURL: '/sign-in?error=sso' })}>
          Sign in with {methods.oidc.name}
        </button>
      )}
      {methods.github && (
        <button type="button" className="secondary" onClick={() => authClient.signIn.social({ provider: 'github', callbackURL: next, errorCallbackURL: '/sign-in?error=github' })}>
          Sign in with GitHub
        </button>
      )}
      {methods.demo && <p><a href={`/api/auth/demo-sign-in?next=${encodeURIComponent(next)}`}>Continue as the demo viewer</a></p>}
    </div>
  )
}
