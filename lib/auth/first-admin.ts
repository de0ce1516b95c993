import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '@/lib/http/app-error'
import { createUser } from '@/lib/auth/users'
import { countAdmins } from '@/lib/queries/auth/users'
import { deleteSetupTokens, insertSetupToken, isLiveSetupToken } from '@/lib/queries/auth/setup-tokens'

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

export async function createFirstAdmin(input: { token: string; email: string; name: string; password: string }): Promise<void> {
  if (!(await setupLinkIsLive(input.token))) throw new AppError('FORBIDDEN', 'This setup link is used, expired or unknown; an admin already exists or a new start prints a new link.')
  await createUser({ email: input.email, name: input.name, role: 'admin', teamIds: [], password: input.password })
  await deleteSetupTokens()
}
