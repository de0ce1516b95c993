import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { httpEnvSchema, parseEnv } from '@/lib/env'
import { limitedChunks, limitedRequest, readBodyLimited, tooSlow } from '@/lib/http/body-limit'
import { errorResponse } from '@/lib/http/error-response'

const post = (body: BodyInit | null, headers: Record<string, string> = {}) => new Request('http://x/api/auth/sign-in/email', { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
// a body without Content-Length (chunked): only counting while reading can stop it
const streamOf = (size: number, chunk = 1024) => new ReadableStream<Uint8Array>({
  start(c) {
    for (let sent = 0; sent < size; sent += chunk) c.enqueue(new Uint8Array(Math.min(chunk, size - sent)))
    c.close()
  },
})

describe('limitedRequest', () => {
  it('keeps a body under the limit, readable as before', async () => {
    const req = await limitedRequest(post('{"email":"a@b.c"}', { 'content-type': 'application/json' }), 64)
    expect(await req.json()).toEqual({ email: 'a@b.c' })
    expect(req.headers.get('content-type')).toBe('application/json')
  })
  it.each([
    ['a declared Content-Length over the limit', post('x'.repeat(10), { 'content-length': '100000' })],
    ['a streamed body past the limit', post(streamOf(100_000))],
  ])('refuses %s with 413', async (_name, req) => {
    await expect(limitedRequest(req, 1024)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 })
  })
  it('leaves GET alone', async () => {
    const req = new Request('http://x/api/auth/get-session')
    expect(await limitedRequest(req, 1)).toBe(req)
  })
})

describe('limitedChunks / readBodyLimited', () => {
  it('stops reading at the limit: the rest of the stream is never pulled', async () => {
    let pulled = 0
    const endless = new ReadableStream<Uint8Array>({ pull(c) { pulled++; c.enqueue(new Uint8Array(1024)) } })
    const read = async () => { for await (const _ of limitedChunks(endless, 10 * 1024)) { /* drain */ } }
    await expect(read()).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    expect(pulled).toBeLessThan(20)
  })
  it('reads exactly the limit', async () => {
    expect(await readBodyLimited(post(streamOf(2048)), 2048)).toHaveLength(2048)
  })
})

// A slow-loris upload: one byte every `everyMs`, never ending. Counts what was pulled and whether the
// reader cancelled the stream.
function trickle(everyMs: number) {
  const seen = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull: (c) => new Promise<void>((r) => setTimeout(() => {
      seen.pulled++
      c.enqueue(new Uint8Array([120]))
      r()
    }, everyMs)),
    cancel: () => void (seen.cancelled = true),
  }, { highWaterMark: 0 })
  return { stream, seen }
}

describe('body read deadline', () => {
  const drain = async (chunks: AsyncIterable<Uint8Array>) => { for await (const _ of chunks) { /* drain */ } }

  it('answers 408 once the body has not arrived in full within the time, and stops reading', async () => {
    const { stream, seen } = trickle(20)
    const started = Date.now()
    await expect(drain(limitedChunks(stream, 1024 * 1024, 300))).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT', status: 408 })
    const ms = Date.now() - started
    expect(ms).toBeGreaterThanOrEqual(290)
    expect(ms).toBeLessThan(1_000)
    // left for the 408 to close (cancelling would destroy the socket before the answer is written)
    expect(seen.cancelled).toBe(false)
    const pulled = seen.pulled
    await new Promise((r) => setTimeout(r, 100))
    expect(seen.pulled - pulled).toBeLessThanOrEqual(1)
  })

  it('cuts a body that stalls with nothing sent', async () => {
    const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) })
    await expect(readBodyLimited(post(stalled), 1024, 200)).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT' })
  })

  it('reads a body that arrives in time, however it is split', async () => {
    expect(await readBodyLimited(post(streamOf(64 * 1024, 7)), 64 * 1024, 5_000)).toHaveLength(64 * 1024)
  })

  it('answers 408 with the connection closed after it', async () => {
    const res = errorResponse(tooSlow(30_000))
    expect(res.status).toBe(408)
    expect(res.headers.get('connection')).toBe('close')
    expect(await res.json()).toMatchObject({ error: { code: 'REQUEST_TIMEOUT', message: expect.stringContaining('30000 ms') } })
  })

  it('takes its time from PLIMSOLL_BODY_TIMEOUT_MS, 30 s unless set', () => {
    const timeout = (value?: string) => parseEnv(httpEnvSchema, (value === undefined ? {} : { PLIMSOLL_BODY_TIMEOUT_MS: value }) as NodeJS.ProcessEnv).PLIMSOLL_BODY_TIMEOUT_MS
    expect(timeout()).toBe(30_000)
    expect(timeout('5000')).toBe(5_000)
    expect(() => timeout('soon')).toThrow(/PLIMSOLL_BODY_TIMEOUT_MS/)
    expect(() => timeout('10')).toThrow(/PLIMSOLL_BODY_TIMEOUT_MS/)
  })
})

// Every route handler that takes a body reads it through a limited reader: a new route that calls
// req.json()/text()/formData()/arrayBuffer() or reads req.body itself fails here.
describe('every body-reading route has a limit', () => {
  const root = path.resolve(import.meta.dirname, '../../app')
  const routes: string[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name))
      else if (e.name === 'route.ts') routes.push(path.join(dir, e.name))
    }
  }
  walk(root)
  const limitedReaders = /readJsonBody|readScanRequest|receiveGithubDelivery|receiveGitlabDelivery|receiveIncidentEvent|receiveRolloutEvent|limitedRequest/
  const unlimited = /\breq(uest)?\.(json|text|formData|arrayBuffer|blob)\(|\breq(uest)?\.body\b/
  // a handler that never touches the request (a POST that only acts, such as a channel's "send a test") reads no body
  const writers = routes.filter((f) => {
    const source = readFileSync(f, 'utf8')
    return /export const (POST|PUT|PATCH)\b/.test(source) && /\breq(uest)?\b/.test(source)
  })

  it('finds the routes that take bodies', () => {
    expect(writers.length).toBeGreaterThanOrEqual(10)
  })
  it.each(writers.map((f) => [path.relative(root, f)]))('%s', (file) => {
    const source = readFileSync(path.join(root, file), 'utf8')
    expect(source, 'reads the body through a limited reader').toMatch(limitedReaders)
    expect(source, 'reads the body without a limit').not.toMatch(unlimited)
  })
})
