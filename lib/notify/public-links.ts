import { authEnv } from '@/lib/auth/auth-env'

// Links back to Plimsoll in messages need the address people reach it at: PLIMSOLL_PUBLIC_URL (the same setting
// sign-in uses). The worker has no request to take an origin from, so without the setting messages carry no links.
export function plimsollLink(label: string, path: string): { label: string; url: string }[] {
  const base = authEnv().PLIMSOLL_PUBLIC_URL?.replace(/\/$/, '')
  return base ? [{ label, url: `${base}${path}` }] : []
}
