import { createHash, randomBytes } from 'node:crypto'
import { withTransaction } from '@/lib/db'
import { AppError } from '@/lib/http/app-error'
import { createUser } from '@/lib/auth/users'
import { countAdmins } from '@/lib/queries/auth/users'
import { deleteSetupTokens, insertSetupToken, isLiveSetupToken, lockLiveSetupToken } from '@/lib/queries/auth/setup-tokens'

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

// The link is consumed atomically: its row stays locked while the admin is made, so of several uses
// at once exactly one makes an admin; the others wait, then find the link gone. A failure (a taken
// email, say) rolls back and leaves the link usable.
export async function createFirstAdmin(input: { token: string; email: string; name: string; password: string }): Promise<void> {
  await withTransaction(async (tx) => {
    if (!(await lockLiveSetupToken(tx, hash(input.token))) || (await countAdmins(tx)) > 0) throw new AppError('FORBIDDEN', USED)
    await createUser({ email: input.email, name: input.name, role: 'admin', teamIds: [], password: input.password })
    await deleteSetupTokens(tx)
  })
}
