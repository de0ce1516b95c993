import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { readJsonBody } from '@/lib/http/read-json-body'
import { decodeCursor, encodeCursor } from '@/lib/http/cursor'
import { isDatabaseUnavailable } from '@/lib/http/database-unavailable'
import { isUnstorableText } from '@/lib/http/unstorable-text'
import { errorResponse } from '@/lib/http/error-response'
import { AppError } from '@/lib/http/app-error'
import { zodFieldErrors } from '@/lib/validation/zod-fields'

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://x/api', { method: 'POST', body, headers })

describe('readJsonBody', () => {
  it('parses JSON and keeps the raw text', async () => {
    await expect(readJsonBody(post('{"a":1}'))).resolves.toEqual({ raw: '{"a":1}', value: { a: 1 } })
  })
  it.each([
    ['wrong content type', post('{}', { 'content-type': 'text/plain' }), 'UNSUPPORTED_MEDIA_TYPE'],
    ['no content type', new Request('http://x', { method: 'POST', body: '{}' }), 'UNSUPPORTED_MEDIA_TYPE'],
    ['malformed', post('{"a":'), 'BAD_REQUEST'],
    ['empty', post(''), 'BAD_REQUEST'],
    ['over the limit while streaming', post('x'.repeat(2048)), 'PAYLOAD_TOO_LARGE'],
  ])('%s', async (_name, req, code) => {
    await expect(readJsonBody(req, 1024)).rejects.toMatchObject({ code })
  })
  it('accepts application/*+json with a charset', async () => {
    await expect(readJsonBody(post('[]', { 'content-type': 'application/vnd.api+json; charset=utf-8' }))).resolves.toMatchObject({ value: [] })
  })
})

describe('cursor', () => {
  it('round-trips', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 5]), (k) => k.length === 2)).toEqual(['2026-01-01T00:00:00.000Z', 5])
  })
  it.each(['garbage', encodeCursor([1, 2, 3]), Buffer.from('{"a":1}').toString('base64url')])('rejects %s with 422', (c) => {
    expect(() => decodeCursor(c, (k) => k.length === 2)).toThrow(AppError)
  })
})

describe('isDatabaseUnavailable', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), true],
    [{ message: 'wrapped', cause: { code: '57P01' } }, true],
    [{ code: 'P1001' }, true],
    [{ kind: 'DatabaseNotReachable' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    // pg's pool waited DB_CONNECT_TIMEOUT_MS, query_timeout fired, a dead pooled client was reused,
    // the server's slots are full, statement_timeout fired (docs/reliability.md: slow or full database)
    [new Error('timeout exceeded when trying to connect'), true],
    [new Error('Query read timeout'), true],
    [new Error('Client has encountered a connection error and is not queryable'), true],
    [{ code: '53300', message: 'sorry, too many clients already' }, true],
    [{ code: '57014', message: 'canceling statement due to statement timeout' }, true],
    [{ code: '23505', message: 'duplicate key' }, false],
    [new TypeError('x is undefined'), false],
    [null, false],
  ])('%o -> %s', (err, expected) => expect(isDatabaseUnavailable(err)).toBe(expected))
})

describe('errorResponse', () => {
  it('maps an unreachable database to 503 with Retry-After', async () => {
    const res = errorResponse(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect((await res.json()).error.code).toBe('DATABASE_UNAVAILABLE')
  })
  it('hides internals of unexpected errors', async () => {
    const res = errorResponse(new Error('secret detail'), {})
    expect(res.status).toBe(500)
    expect(JSON.stringify(await res.json())).not.toContain('secret')
  })
  it('maps zod errors to 422 with field paths', async () => {
    const parsed = z.strictObject({ a: z.array(z.object({ b: z.number() })) }).safeParse({ a: [{ b: 'x' }], c: 1 })
    const res = errorResponse(parsed.error)
    expect(res.status).toBe(422)
    expect((await res.json()).error.fields.map((f: { path: string }) => f.path)).toEqual(['a.0.b', 'c'])
  })
})

describe('zodFieldErrors', () => {
  it('reports unknown keys at their own path', () => {
    const parsed = z.strictObject({ commits: z.array(z.strictObject({ sha: z.string() })) }).safeParse({ commits: [{ sha: 'a', shaa: 'b' }] })
    expect(zodFieldErrors(parsed.error!)).toEqual([{ path: 'commits.0.shaa', message: 'unknown field' }])
  })
})

describe('isUnstorableText', () => {
  it.each([
    [{ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' }, true],
    [{ code: '22P05', message: 'unsupported Unicode escape sequence' }, true],
    [{ code: '22P02', message: 'invalid input syntax for type json' }, true],
    [{ code: '22P02', message: 'invalid input syntax for type integer: "x"' }, false],
    [{ code: '23505' }, false],
    [null, false],
  ])('%o -> %s', (err, expected) => expect(isUnstorableText(err)).toBe(expected))
})

describe('readJsonBody NUL characters', () => {
  it('refuses \\u0000 inside a string with the field path', async () => {
    await expect(readJsonBody(post('{"a":{"b":["x\\u0000y"]}}'))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'a.b.0' }] })
  })

  it('finds it 100,000 levels deep without overflowing the stack', async () => {
    const body = '{"a":'.repeat(100_000) + '"\\u0000"' + '}'.repeat(100_000)
    await expect(readJsonBody(post(body))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
  })
})
