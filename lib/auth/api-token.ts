import { createHash, randomBytes } from 'node:crypto'

// Tokens look like "pls_<43 base64url chars>" (256 random bits); only their SHA-256 is stored.
const PREFIX = 'pls_'

export function generateApiToken(): { token: string; prefix: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString('base64url')
  return { token, prefix: token.slice(0, PREFIX.length + 6), hash: hashApiToken(token) }
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
