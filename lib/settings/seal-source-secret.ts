import { sealSecret } from '@/lib/crypto/secret-box'
import { secretKeyring } from '@/lib/crypto/app-keyring'
import { AppError } from '@/lib/errors/app-error'

// A webhook source's secret sealed for the database; a server without PLIMSOLL_SECRET_KEY cannot store one (409).
export function sealSourceSecret(secret: string): string {
  let keyring
  try {
    keyring = secretKeyring()
  } catch (err) {
    throw new AppError('CONFLICT', `Secrets cannot be stored on this server: ${(err as Error).message}.`)
  }
  return sealSecret(secret, keyring)
}
