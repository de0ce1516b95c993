import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '@/lib/http/app-error'
import { createUser } from '@/lib/auth/users'
import { countAdmins } from '@/lib/queries/auth/users'
import { deleteSetupTokens, insertSetupToken, isLiveSetupToken, takeLiveSetupToken } from '@/lib/queries/auth/setup-tokens'

const LINK_LIFETIME_MS = 24 * 60 * 60_000
const hash = (token: string) => createHash('sha256').update(token).digest('hex')

// On a start with no admin: a one-time link (valid 24 h) to create the first admin, printed to the log.
export async function firstAdminLink(baseUrl: string): Promise<string | null> {
  if ((await countAdmins()) > 0) return null
  const token = randomBytes(24).toString('base64url')
  await insertSetupToken(hash(token), new Date(Date.now() + LINK_LIFETIME_MS))
  return `${baseUrl.replace(/\/$/, '')}/setup?token=${token}`
}

export async function setupLinkIsLive(token: string | undefined): Promise<boolean> {
  return Boolean(token) && (await countAdmins()) === 0 && (await isLiveSetupToken(hash(token!)))
}

const USED = 'This setup link is used, expired or unknown; an admin already exists or a new start prints a new link.'

// The link is consumed atomically: taking it deletes it, so of several uses at once exactly one makes an
// admin and the others find it gone. A failure (a taken email, say) puts it back, still usable until its
// original expiry.
export async function createFirstAdmin(input: { token: string; email: string; name: string; password: string }): Promise<void> {
  const tokenHash = hash(input.token)
  const expiresAt = await takeLiveSetupToken(tokenHash)
  if (!expiresAt || (await countAdmins()) > 0) throw new AppError('FORBIDDEN', USED)
  try {
    await createUser({ email: input.email, name: input.name, role: 'admin', teamIds: [], password: input.password })
  } catch (err) {
    await insertSetupToken(tokenHash, expiresAt)
    throw err
  }
  await deleteSetupTokens()
}
