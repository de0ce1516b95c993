import { secretKeyring } from '@/lib/crypto/app-keyring'
import { pool } from '@/lib/db'
import { logger } from '@/lib/logger'
import { saveServerKeyring } from '@/lib/queries/server-keyring'

// On start the web server records which keys it opens stored secrets with (their public ids), so a
// command run with another key refuses to seal what this server could not open (scripts/cli-secret-key.ts).
export async function recordServerKeyring(): Promise<void> {
  try {
    const ring = secretKeyring()
    await saveServerKeyring(pool(), [ring.current.id, ...ring.previous.map((k) => k.id)])
  } catch (err) {
    logger.warn({ err }, 'could not record the secret key ids this server runs with')
  }
}
