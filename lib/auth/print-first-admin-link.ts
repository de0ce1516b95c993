import { authEnv } from '@/lib/auth/auth-env'
import { firstAdminLink } from '@/lib/auth/first-admin'
import { logger } from '@/lib/logger'

// The first start of an install without an admin prints where to create one (console, not only the
// JSON log, so the person who ran the command sees it).
export async function printFirstAdminLink(): Promise<void> {
  try {
    const base = authEnv().PLIMSOLL_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`
    const link = await firstAdminLink(base)
    if (link) console.log(`[plimsoll] no admin yet: create the first one at ${link} (one use, valid 24 hours)`)
  } catch (err) {
    logger.warn({ err }, 'could not check for a first admin (database unreachable?)')
  }
}
