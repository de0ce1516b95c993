import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

// Secrets at rest: AES-256-GCM with a random 96-bit nonce, stored as "v1:<nonce>:<tag>:<ciphertext>"
// (base64 parts). The version prefix leaves room for key rotation.
const VERSION = 'v1'

export function sealSecret(plain: string, key: Buffer): string {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [VERSION, nonce.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':')
}

export function openSecret(sealed: string, key: Buffer): string {
  const [version, nonce, tag, body] = sealed.split(':')
  if (version !== VERSION || !nonce || !tag || body === undefined) throw new Error('not a sealed secret')
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
}

export function secretKeyFrom(base64: string | undefined): Buffer {
  if (!base64) throw new Error('PLIMSOLL_SECRET_KEY is not set: stored secrets cannot be sealed or opened (openssl rand -base64 32)')
  const key = Buffer.from(base64, 'base64')
  if (key.length !== 32) throw new Error('PLIMSOLL_SECRET_KEY must be 32 bytes, base64')
  return key
}
