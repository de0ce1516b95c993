'use client'
import { useState } from 'react'
import { authClient } from '@/lib/auth/auth-client'

// Creates the first admin through POST /api/setup, then signs them in.
export function SetupForm({ token }: { token: string }) {
  const [error, setError] = useState<string>()
  async function submit(form: FormData) {
    setError(undefined)
    const body = { token, name: String(form.get('name')), email: String(form.get('email')), password: String(form.get('password')) }
    const res = await fetch('/api/setup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    if (!res.ok) {
      const detail = (await res.json().catch(() => null)) as { error?: { message?: string } } | null
      setError(detail?.error?.message ?? `Setup failed (${res.status}).`)
      return
    }
    await authClient.signIn.email({ email: body.email, password: body.password })
    window.location.assign('/settings')
  }
  return (
    <div className="card auth-card">
      <form onSubmit={(e) => { e.preventDefault(); void submit(new FormData(e.currentTarget)) }} className="auth-form">
        <label>Name<input name="name" required autoComplete="name" /></label>
        <label>Email<input name="email" type="email" required autoComplete="username" /></label>
        <label>Password (10 characters or more)<input name="password" type="password" minLength={10} required autoComplete="new-password" /></label>
        <button type="submit">Create admin</button>
      </form>
      {error && <p role="alert" className="form-error">{error}</p>}
    </div>
  )
}
