import { AppError, validationError } from '@/lib/http/app-error'
import { readBodyLimited } from '@/lib/http/body-limit'

export const MAX_JSON_BODY_BYTES = 1024 * 1024

export type JsonBody = { raw: string; value: unknown }

// Reads at most `limit` bytes, so an oversized body is refused without buffering it whole.
export async function readJsonBody(req: Request, limit = MAX_JSON_BODY_BYTES): Promise<JsonBody> {
  const type = req.headers.get('content-type') ?? ''
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Type must be application/json (got ${type ? `"${type}"` : 'none'}).`)
  }
  const raw = new TextDecoder('utf-8', { fatal: false }).decode(await readBodyLimited(req, limit))
  if (raw.trim() === '') throw new AppError('BAD_REQUEST', 'Request body is empty; expected a JSON object.')
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch (err) {
    throw new AppError('BAD_REQUEST', `Malformed JSON: ${(err as Error).message}`)
  }
  // PostgreSQL text cannot hold NUL characters: refuse them here rather than fail at insert.
  const nulPath = /\\u0000/i.test(raw) ? findNul(value) : null
  if (nulPath !== null) throw validationError([{ path: nulPath, message: 'must not contain NUL (\\u0000) characters' }])
  return { raw, value }
}

function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path.join('.') : null
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\0')) return [...path, k].join('.')
      const found = findNul(v, [...path, k])
      if (found !== null) return found
    }
  }
  return null
}
