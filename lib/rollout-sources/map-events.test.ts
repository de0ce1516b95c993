import { describe, expect, it } from 'vitest'
import { mapFlagger } from '@/lib/rollout-sources/map-flagger'
import { mapArgoRollouts } from '@/lib/rollout-sources/map-argo-rollouts'

const received = new Date('2026-03-01T00:00:00Z')
const flagger = (eventMessage: string, extra: Record<string, string> = {}) =>
  mapFlagger({
    name: 'podinfo', namespace: 'test', phase: 'Progressing', metadata: { eventMessage, eventType: 'Normal', timestamp: '1772445600000', ...extra },
  }, received)

describe('Flagger event messages (pkg/controller/scheduler.go)', () => {
  it.each([
    ['New revision detected! Scaling up podinfo.test', { kind: 'started' }, undefined],
    ['New revision detected podinfo.test', { kind: 'started' }, undefined],
    ['Starting canary deployment for podinfo.test', { kind: 'started' }, undefined],
    ['New revision detected! Restarting analysis for podinfo.test', { kind: 'restarted' }, undefined],
    ['Starting canary analysis for podinfo.test', { kind: 'ready' }, undefined],
    ['Advance podinfo.test canary weight 25', { kind: 'step', weight: 25 }, 'canary'],
    ['Advance podinfo.test canary iteration 1/10', { kind: 'step', weight: 0 }, 'blue_green'],
    ['Routing all traffic to canary', { kind: 'step', weight: 100 }, 'blue_green'],
    ['Promotion completed! Scaling down podinfo.test', { kind: 'promoted' }, undefined],
    ['Promotion completed! Canary analysis was skipped for podinfo.test', { kind: 'promoted' }, undefined],
    ['Rolling back podinfo.test failed checks threshold reached 3', { kind: 'aborted' }, undefined],
    ['Rolling back podinfo.test manual webhook invoked', { kind: 'aborted' }, undefined],
    ['Canary failed! Scaling down podinfo.test', { kind: 'failed' }, undefined],
  ])('%s', (message, change, strategy) => {
    const e = flagger(message)
    expect(e).toMatchObject({ target: 'test/podinfo', service: 'podinfo', environment: 'production', occurredAt: new Date(1772445600000), change })
    expect(e.strategy).toBe(strategy)
  })

  it.each([
    'Advance podinfo.test canary iteration 2/10', 'Halt podinfo.test advancement success rate 53.42% < 99%', 'Routing all traffic to primary',
    'Copying podinfo.test template spec to podinfo-primary.test', 'Initialization done! podinfo.test', 'Advance podinfo.test canary weight 5 of 50',
  ])('ignores "%s"', (message) => {
    expect(flagger(message).change.kind).toBe('ignored')
  })

  it('the webhook\'s metadata names the service, environment and strategy; an A/B test\'s iterations have no known share', () => {
    const named = { service: 'checkout', environment: 'staging', strategy: 'ab-test' }
    expect(flagger('Advance podinfo.test canary weight 10', named)).toMatchObject({ service: 'checkout', environment: 'staging', strategy: 'ab_test' })
    expect(flagger('Advance podinfo.test canary iteration 1/10', named).change.kind).toBe('ignored')
  })

  it('a hook other than `event` (no eventMessage) is ignored; a missing timestamp is the receive time', () => {
    const e = mapFlagger({ name: 'podinfo', namespace: 'test', phase: 'Succeeded', metadata: { some: 'message' } }, received)
    expect(e).toMatchObject({ eventType: 'hook:Succeeded', occurredAt: received, change: { kind: 'ignored' } })
  })

  it('refuses what is not Flagger\'s payload', () => {
    expect(() => mapFlagger({ name: 'podinfo' }, received)).toThrow(/namespace/)
    expect(() => mapFlagger({ name: 'p', namespace: 't', metadata: { eventMessage: 3 } }, received)).toThrow()
  })
})

describe('Argo Rollouts template bodies', () => {
  const steps = [{ setWeight: 10 }, { pause: { duration: '1h' } }, { setWeight: 20 }]
  const body = (trigger: string, extra: Record<string, unknown> = {}) => ({
    trigger, rollout: 'example-rollout', namespace: 'default', revision: '2', strategy: 'canary', stepIndex: '0', steps, weight: null,
    image: 'nginx:1.15.5', sentAt: '2026-03-05T08:00:00Z', ...extra,
  })

  it.each([
    ['on-rollout-updated', {}, { kind: 'started' }],
    ['on-rollout-step-completed', {}, { kind: 'step', weight: 10 }],
    ['on-rollout-step-completed', { stepIndex: '2' }, { kind: 'step', weight: 20 }],
    ['on-rollout-step-completed', { stepIndex: '2', weight: '18' }, { kind: 'step', weight: 18 }],
    ['on-rollout-step-completed', { stepIndex: '1' }, { kind: 'ignored' }],
    ['on-rollout-paused', {}, { kind: 'ignored' }],
    ['on-rollout-completed', {}, { kind: 'promoted' }],
    ['on-rollout-aborted', {}, { kind: 'aborted' }],
    ['on-analysis-run-failed', {}, { kind: 'failed' }],
    ['on-scaling-replica-set', {}, { kind: 'ignored' }],
  ])('%s %j', (trigger, extra, change) => {
    expect(mapArgoRollouts(body(trigger, extra), received)).toMatchObject({
      target: 'default/example-rollout', revision: '2', service: 'example-rollout', strategy: 'canary', version: 'nginx:1.15.5', change,
    })
  })

  it('blue/green: the preview starts at no traffic and is ready when paused; "<no value>" fields are absent', () => {
    const bg = { strategy: 'blueGreen', stepIndex: '<no value>', steps: null }
    expect(mapArgoRollouts(body('on-rollout-updated', bg), received)).toMatchObject({ strategy: 'blue_green', change: { kind: 'started', weight: 0 } })
    expect(mapArgoRollouts(body('on-rollout-paused', bg), received).change).toEqual({ kind: 'ready' })
    expect(mapArgoRollouts(body('on-rollout-completed', { ...bg, sentAt: '<no value>' }), received).occurredAt).toEqual(received)
  })

  it('refuses a body without the revision or with a weight out of range', () => {
    expect(() => mapArgoRollouts(body('on-rollout-updated', { revision: '<no value>' }), received)).toThrow()
    expect(() => mapArgoRollouts(body('on-rollout-step-completed', { weight: '120' }), received)).toThrow()
  })
})
