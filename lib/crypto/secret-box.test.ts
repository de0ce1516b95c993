import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSecret, sealSecret, secretKeyFrom } from '@/lib/crypto/secret-box'

const key = randomBytes(32)

describe('secret box (AES-256-GCM)', () => {
  it.each(['s3cret', '', 'ünïcødé ✓', 'x'.repeat(5000)])('round-trips %j', (plain) => {
    const sealed = sealSecret(plain, key)
    expect(sealed).not.toContain(plain || 'never')
    expect(openSecret(sealed, key)).toBe(plain)
  })

  it('seals the same secret differently each time', () => {
    expect(sealSecret('same', key)).not.toBe(sealSecret('same', key))
  })

  it('refuses a wrong key and a tampered ciphertext', () => {
    const sealed = sealSecret('s3cret', key)
    expect(() => openSecret(sealed, randomBytes(32))).toThrow()
    const parts = sealed.split(':')
    const body = Buffer.from(parts[3]!, 'base64')
    body[0] = body[0]! ^ 1
    expect(() => openSecret([...parts.slice(0, 3), body.toString('base64')].join(':'), key)).toThrow()
    expect(() => openSecret('plain text', key)).toThrow('not a sealed secret')
  })

  it.each([[undefined, 'not set'], ['c2hvcnQ=', '32 bytes']])('names a missing or short key (%s)', (value, message) => {
    expect(() => secretKeyFrom(value)).toThrow(message)
  })
})
