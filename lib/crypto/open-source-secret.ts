import { logger } from '@/lib/logger'
import { AppError } from '@/lib/errors/app-error'
import { openSecret } from '@/lib/crypto/secret-box'
import { secretKeyring } from '@/lib/crypto/app-keyring'

// A webhook source's sealed secret (incident and rollout sources). One sealed under a key the server no
// longer has cannot be checked against: logged, and refused as unproven.
export function openSourceSecret(source: { id: number; secretEnc: string }, what: string): string {
  try {
    return openSecret(source.secretEnc, secretKeyring())
  } catch (err) {
    logger.error({ err, source: source.id }, `cannot open the secret of ${what}`)
    throw new AppError('UNAUTHORIZED', 'This source\'s secret cannot be checked on this server (see its log); add the source again.')
  }
}
