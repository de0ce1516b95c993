import { describe, expect, it } from 'vitest'
import { deploymentBodySchema } from '@/lib/validation/deployments'
import { reachedWeight, rolloutSchema } from '@/lib/validation/rollout'
import { zodFieldErrors } from '@/lib/validation/zod-fields'

const base = { id: 'r1', service: 'api', environment: 'production', status: 'failure', strategy: 'canary',
  startedAt: '2026-03-01T10:00:00Z', finishedAt: '2026-03-01T10:30:00Z' }
const steps = [{ weight: 5, startedAt: '2026-03-01T10:05:00Z' }, { weight: 20, startedAt: '2026-03-01T10:10:00Z' }]
const fields = (body: object) => {
  const r = deploymentBodySchema.safeParse(body)
  return r.success ? [] : zodFieldErrors(r.error)
}

describe('rollout validation (422 per field)', () => {
  it('accepts an aborted canary within its deployment', () => {
    expect(fields({ ...base, rollout: { steps, readyAt: '2026-03-01T10:04:00Z', abortedAt: '2026-03-01T10:20:00Z' } })).toEqual([])
  })

  it.each([
    [{ steps: [{ weight: 101, startedAt: steps[0]!.startedAt }] }, 'rollout.steps.0.weight', /0 to 100/],
    [{ steps: [{ weight: -1, startedAt: steps[0]!.startedAt }] }, 'rollout.steps.0.weight', /0 to 100/],
    [{ steps: [{ weight: 5, startedAt: '2026-03-01T10:05:00' }] }, 'rollout.steps.0.startedAt', /time zone/],
    [{ steps: [steps[1], steps[0]] }, 'rollout.steps.1.startedAt', /before the step before it/],
    [{ steps, maxWeight: 10 }, 'rollout.maxWeight', /every step's weight \(step 2: 20\)/],
    [{ steps, promotedAt: '2026-03-01T10:20:00Z', abortedAt: '2026-03-01T10:21:00Z' }, 'rollout.abortedAt', /not both/],
    [{ steps, abortedAt: '2026-03-01T10:01:00Z' }, 'rollout.abortedAt', /before the first step/],
    [{ readyAt: '2026-03-01T09:59:59Z' }, 'rollout.readyAt', /before startedAt/],
    [{ steps, abortedAt: '2026-03-01T10:30:01Z' }, 'rollout.abortedAt', /after finishedAt/],
    [{ promotedAt: '2026-03-01T10:20:00Z', maxWeight: 50 }, 'rollout.maxWeight', /100 for a promoted/],
    [{ steps, colour: 'red' }, 'rollout.colour', /./],
  ])('%j is refused on %s', (rollout, path, message) => {
    const errors = fields({ ...base, rollout })
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) })
  })

  it('an aborted rollout must be a failed deployment', () => {
    expect(fields({ ...base, status: 'success', rollout: { steps, abortedAt: '2026-03-01T10:20:00Z' } }))
      .toEqual([{ path: 'status', message: 'must be failure for an aborted rollout' }])
  })
})

describe('reachedWeight (the blast radius a rollout reached)', () => {
  const parse = (r: object) => rolloutSchema.parse(r)
  it.each([
    [{}, null],
    [{ steps }, 20],
    [{ steps, maxWeight: 25 }, 25],
    [{ steps, promotedAt: '2026-03-01T10:20:00Z' }, 100],
    [{ steps: [{ weight: 0, startedAt: steps[0]!.startedAt }] }, 0],
  ])('%j reached %s', (r, expected) => {
    expect(reachedWeight(parse(r))).toBe(expected)
  })
})
