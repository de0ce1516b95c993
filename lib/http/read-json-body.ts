import { AppError, validationError } from '@/lib/http/app-error'
import { readBodyLimited } from '@/lib/http/body-limit'
import { assertJsonShape } from '@/lib/http/json-shape-guard'

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
  // depth, array lengths and value count, before JSON.parse builds them and zod reports on each
  assertJsonShape(raw)
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

// Iterative, and the path is built only for the NUL found: JSON.parse accepts any depth, and a
// recursive walk of 100,000 nested objects overflowed the stack (a 500 in the hostile-input test of
// docs/reliability.md).
type Visit = { value: unknown; key: string | null; parent: Visit | null }

function findNul(root: unknown): string | null {
  const stack: Visit[] = [{ value: root, key: null, parent: null }]
  while (stack.length > 0) {
    const at = stack.pop()!
    if (typeof at.value === 'string') {
      if (at.value.includes('\0')) return pathOf(at)
    } else if (at.value && typeof at.value === 'object') {
      const entries = Object.entries(at.value)
      for (const [k] of entries) if (k.includes('\0')) return pathOf({ value: null, key: k, parent: at })
      // pushed in reverse, so fields are looked at in order and the first NUL is the one reported
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], key: entries[i]![0], parent: at })
    }
  }
  return null
}

function pathOf(v: Visit): string {
  const keys: string[] = []
  for (let at: Visit | null = v; at && at.key !== null; at = at.parent) keys.push(at.key)
  keys.reverse()
  // a path 100,000 levels deep would make a 200 KB error answer
  return keys.length > 32 ? `${keys.slice(0, 32).join('.')}… (${keys.length} levels)` : keys.join('.')
}
