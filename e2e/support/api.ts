import { randomBytes } from 'node:crypto'

export const token = () => process.env.E2E_TOKEN!
export const otherToken = () => process.env.E2E_OTHER_TOKEN!
export const auth = (t = token()) => ({ Authorization: `Bearer ${t}` })
export const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`
export const sha = () => randomBytes(20).toString('hex')

// The second server started by playwright.config.ts, whose database is unreachable.
export const noDatabaseUrl = () => `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 1}`

export function deploymentBody(over: Record<string, unknown> = {}) {
  return {
    id: unique('deploy'),
    service: unique('svc'),
    environment: 'production',
    status: 'success',
    startedAt: '2026-05-01T10:01:00Z',
    finishedAt: '2026-05-01T10:09:00Z',
    ...over,
  }
}
