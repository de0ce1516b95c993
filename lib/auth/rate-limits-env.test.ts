import { describe, expect, it } from 'vitest'
import { authEnvSchema } from './auth-env'

// PLIMSOLL_RATE_LIMITS=off takes unlimited ingest from any token: accepted only beside PLIMSOLL_BENCH=1.
describe('PLIMSOLL_RATE_LIMITS', () => {
  const parse = (env: Record<string, string | undefined>) => authEnvSchema.safeParse(env)
  it.each([
    [{}, 'on'],
    [{ PLIMSOLL_RATE_LIMITS: 'on' }, 'on'],
    [{ PLIMSOLL_RATE_LIMITS: 'off', PLIMSOLL_BENCH: '1' }, 'off'],
  ])('%j is accepted as %s', (env, limits) => {
    expect(parse(env).data?.PLIMSOLL_RATE_LIMITS).toBe(limits)
  })

  it.each([{ PLIMSOLL_RATE_LIMITS: 'off' }, { PLIMSOLL_RATE_LIMITS: 'off', PLIMSOLL_BENCH: '0' }])('%j is refused, naming the setting', (env) => {
    const r = parse(env)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]).toMatchObject({ path: ['PLIMSOLL_RATE_LIMITS'], message: expect.stringContaining('PLIMSOLL_BENCH=1') })
  })
})
