import { createCipheriv, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { keyIdOf, keyringFrom, needsReseal, openSecret, sealSecret, secretKeyFrom } from '@/lib/crypto/secret-box'

const key = randomBytes(32)
const b64 = (k: Buffer) => k.toString('base64')

// the format before key ids, as the previous secret-box wrote it
function sealV1(plain: string, k: Buffer): string {
  const nonce = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', k, nonce)
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
  return ['v1', nonce.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join(':')
}

describe('secret box (AES-256-GCM)', () => {
  it.each(['s3cret', '', 'ünïcødé ✓', 'x'.repeat(5000)])('round-trips %j', (plain) => {
    const sealed = sealSecret(plain, key)
    expect(sealed).not.toContain(plain || 'never')
    expect(openSecret(sealed, key)).toBe(plain)
  })

  it('seals the same secret differently each time, naming the key', () => {
    expect(sealSecret('same', key)).not.toBe(sealSecret('same', key))
    expect(sealSecret('same', key).split(':').slice(0, 2)).toEqual(['v2', keyIdOf(key)])
  })

  it('refuses a wrong key, a tampered ciphertext and a swapped key id', () => {
    const sealed = sealSecret('s3cret', key)
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(/neither PLIMSOLL_SECRET_KEY/)
    const parts = sealed.split(':')
    const body = Buffer.from(parts[4]!, 'base64')
    body[0] = body[0]! ^ 1
    expect(() => openSecret([...parts.slice(0, 4), body.toString('base64')].join(':'), key)).toThrow()
    // the key id is authenticated: relabelled under another key of the ring, it does not open
    const other = randomBytes(32)
    const ring = { current: { id: keyIdOf(key), key }, previous: [{ id: keyIdOf(other), key: other }] }
    expect(() => openSecret(['v2', keyIdOf(other), ...parts.slice(2)].join(':'), ring)).toThrow()
    expect(() => openSecret('plain text', key)).toThrow('not a sealed secret')
  })

  it.each([[undefined, 'not set'], ['c2hvcnQ=', '32 bytes']])('names a missing or short key (%s)', (value, message) => {
    expect(() => secretKeyFrom(value)).toThrow(message)
  })
})

describe('keyring (key rotation)', () => {
  const [oldest, old, current] = [randomBytes(32), randomBytes(32), randomBytes(32)]
  const ring = keyringFrom(b64(current), ` ${b64(old)},${b64(oldest)} `)

  it('opens values sealed under any key of the ring, v1 or v2, and seals under the current one', () => {
    expect(openSecret(sealSecret('a', old), ring)).toBe('a')
    expect(openSecret(sealSecret('b', oldest), ring)).toBe('b')
    expect(openSecret(sealV1('c', oldest), ring)).toBe('c')
    expect(openSecret(sealV1('d', current), ring)).toBe('d')
    expect(sealSecret('e', ring).split(':')[1]).toBe(keyIdOf(current))
  })

  it('needsReseal: anything not v2 under the current key', () => {
    expect(needsReseal(sealSecret('x', ring), ring)).toBe(false)
    expect(needsReseal(sealSecret('x', old), ring)).toBe(true)
    expect(needsReseal(sealV1('x', current), ring)).toBe(true)
  })

  it('a key that left the ring no longer opens its values', () => {
    expect(() => openSecret(sealSecret('x', oldest), keyringFrom(b64(current), b64(old)))).toThrow(/neither/)
    expect(() => openSecret(sealV1('x', oldest), keyringFrom(b64(current)))).toThrow('no key of the keyring')
  })

  it('names a bad previous key; ignores the current key listed as previous', () => {
    expect(() => keyringFrom(b64(current), 'c2hvcnQ=')).toThrow('PLIMSOLL_SECRET_KEY_PREVIOUS must be 32 bytes')
    expect(keyringFrom(b64(current), b64(current)).previous).toEqual([])
  })
})
