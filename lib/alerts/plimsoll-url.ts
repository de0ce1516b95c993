import { authEnv } from '@/lib/auth/auth-env'

// A link back to a Plimsoll page in a message: PLIMSOLL_PUBLIC_URL (what people reach the dashboard at),
// else the local address the server listens on (a message sent from a development install).
export function plimsollUrl(path: string): string {
  const base = authEnv().PLIMSOLL_PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${process.env.PORT ?? 3000}`
  return `${base}${path}`
}
