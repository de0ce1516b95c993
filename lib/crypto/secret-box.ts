import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

// Secrets at rest: AES-256-GCM with a random 96-bit nonce, stored as "v2:<key id>:<nonce>:<tag>:<ciphertext>"
// (base64 parts; version and key id authenticated as associated data). The key id names the key of a
// keyring that sealed it, so after a key rotation values sealed under the previous key still open until
// `npm run secrets:rotate` re-seals them under the current one. "v1:<nonce>:<tag>:<ciphertext>" values
// (before key ids) are opened by trying each key of the ring.
export type SecretKey = { id: string; key: Buffer }
export type Keyring = { current: SecretKey; previous: SecretKey[] }

const V1 = 'v1'
const V2 = 'v2'

// A short public name of a key: not the key, and no help in guessing it.
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('plimsoll-secret-key-id:').update(key).digest('hex').slice(0, 12)
}

const ringOf = (k: Buffer | Keyring): Keyring => (Buffer.isBuffer(k) ? { current: { id: keyIdOf(k), key: k }, previous: [] } : k)

export function sealSecret(plain: string, keyOrRing: Buffer | Keyring): string {
  const { current } = ringOf(keyOrRing)
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', current.key, nonce)
  cipher.setAAD(Buffer.from(`${V2}:${current.id}`))
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [V2, current.id, nonce.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':')
}

export function openSecret(sealed: string, keyOrRing: Buffer | Keyring): string {
  const ring = ringOf(keyOrRing)
  const parts = sealed.split(':')
  if (parts[0] === V2 && parts.length === 5) {
    const key = [ring.current, ...ring.previous].find((k) => k.id === parts[1])
    if (!key) throw new Error(`sealed under key ${parts[1]}, which is neither PLIMSOLL_SECRET_KEY nor in PLIMSOLL_SECRET_KEY_PREVIOUS`)
    return decrypt(key.key, parts[2]!, parts[3]!, parts[4]!, `${V2}:${key.id}`)
  }
  if (parts[0] === V1 && parts.length === 4) {
    for (const k of [ring.current, ...ring.previous]) {
      try {
        return decrypt(k.key, parts[1]!, parts[2]!, parts[3]!)
      } catch {
        // not this key: try the next
      }
    }
    throw new Error('no key of the keyring opens this sealed secret')
  }
  throw new Error('not a sealed secret')
}

// True when the value is not sealed under the ring's current key (an older key, or the v1 format).
export function needsReseal(sealed: string, ring: Keyring): boolean {
  const parts = sealed.split(':')
  return !(parts[0] === V2 && parts[1] === ring.current.id)
}

function decrypt(key: Buffer, nonce: string, tag: string, body: string, aad?: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'))
  if (aad) decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
}

export function secretKeyFrom(base64: string | undefined, name = 'PLIMSOLL_SECRET_KEY'): Buffer {
  if (!base64) throw new Error(`${name} is not set: stored secrets cannot be sealed or opened (openssl rand -base64 32)`)
  const key = Buffer.from(base64, 'base64')
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64`)
  return key
}

// PLIMSOLL_SECRET_KEY seals and opens; each of PLIMSOLL_SECRET_KEY_PREVIOUS (comma-separated) only opens.
export function keyringFrom(current: string | undefined, previous: string | undefined = ''): Keyring {
  const key = secretKeyFrom(current)
  const older = previous.split(',').map((s) => s.trim()).filter(Boolean).map((b) => secretKeyFrom(b, 'PLIMSOLL_SECRET_KEY_PREVIOUS'))
  return { current: { id: keyIdOf(key), key }, previous: older.filter((k) => !k.equals(key)).map((k) => ({ id: keyIdOf(k), key: k })) }
}
