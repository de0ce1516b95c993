import { env } from '@/lib/env'
import { keyringFrom, type Keyring } from '@/lib/crypto/secret-box'

// The app's keyring from the environment (throws, naming the setting, when the key is missing or wrong).
export function secretKeyring(): Keyring {
  const e = env()
  return keyringFrom(e.PLIMSOLL_SECRET_KEY, e.PLIMSOLL_SECRET_KEY_PREVIOUS)
}
