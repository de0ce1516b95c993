import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// docs/ci/argo-rollouts-notifications.yaml rendered for the docs' Rollouts gives exactly the fixture bodies
// (lib/rollout-sources/fixtures/argo-rollouts): a stand-in for the notifications engine's Go templates, for
// the constructs the template uses (field paths, index, toJson, if/else, with/else, now | date).
const cm = parse(readFileSync('docs/ci/argo-rollouts-notifications.yaml', 'utf8')) as { data: Record<string, string> }
const fixture = (name: string) => JSON.parse(readFileSync(`lib/rollout-sources/fixtures/argo-rollouts/${name}`, 'utf8')) as Record<string, unknown>[]

type Obj = Record<string, unknown>
const get = (root: unknown, path: string): unknown => path.split('.').filter(Boolean).reduce<unknown>((o, k) => (o == null ? undefined : (o as Obj)[k]), root)
const show = (v: unknown) => (v === undefined || v === null ? '<no value>' : String(v))

function render(template: string, data: Obj, now: string): string {
  return template
    .replace(/\{\{now \| date "[^"]+"\}\}/g, now)
    .replace(/\{\{index (\.[\w.]+) "([^"]+)"\}\}/g, (_, p: string, key: string) => show((get(data, p) as Obj | undefined)?.[key]))
    .replace(/\{\{\(index (\.[\w.]+) (\d+)\)(\.[\w.]+)\}\}/g,
      (_, p: string, i: string, rest: string) => show(get((get(data, p) as unknown[])[Number(i)], rest)))
    .replace(/\{\{toJson (\.[\w.]+)\}\}/g, (_, p: string) => JSON.stringify(get(data, p) ?? null))
    .replace(/\{\{with (\.[\w.]+)\}\}(.*?)\{\{else\}\}(.*?)\{\{end\}\}/g, (_, p: string, yes: string, no: string) => {
      const scope = get(data, p)
      return scope ? yes.replace(/\{\{(\.[\w.]+)\}\}/g, (__, q: string) => show(get(scope, q))) : no
    })
    .replace(/\{\{if (\.[\w.]+)\}\}((?:(?!\{\{if ).)*?)\{\{else\}\}(.*?)\{\{end\}\}/g, (_, p: string, yes: string, no: string) => (get(data, p) ? yes : no))
    .replace(/\{\{if (\.[\w.]+)\}\}(.*?)\{\{else\}\}(.*?)\{\{end\}\}/g, (_, p: string, yes: string, no: string) => (get(data, p) ? yes : no))
    .replace(/\{\{(\.[\w.]+)\}\}/g, (_, p: string) => show(get(data, p)))
}

type Template = { webhook: { plimsoll: { body: string } } }
const body = (trigger: string) => (parse(cm.data[`template.plimsoll-${trigger.replace(/^on-/, '')}`]!) as Template).webhook.plimsoll.body

// docs/features/canary/index.md's example-rollout and docs/features/bluegreen.md's rollout-bluegreen, as the controller holds them
const canary = (revision: string, image: string, stepIndex: number) => ({
  metadata: { name: 'example-rollout', namespace: 'default', annotations: { 'rollout.argoproj.io/revision': revision } },
  spec: {
    template: { spec: { containers: [{ name: 'nginx', image }] } },
    strategy: { canary: { steps: [{ setWeight: 10 }, { pause: { duration: '1h' } }, { setWeight: 20 }, { pause: {} }] } },
  },
  status: { currentStepIndex: stepIndex, canary: {} },
})
const blueGreen = {
  metadata: { name: 'rollout-bluegreen', namespace: 'default', annotations: { 'rollout.argoproj.io/revision': '2' } },
  spec: { template: { spec: { containers: [{ name: 'rollouts-demo', image: 'argoproj/rollouts-demo:green' }] } },
    strategy: { blueGreen: { activeService: 'rollout-bluegreen-active', previewService: 'rollout-bluegreen-preview', autoPromotionEnabled: false } } },
  status: {},
}

describe('the Argo Rollouts notification template', () => {
  it('has a template per trigger, each sent by its trigger beside Argo\'s own, to the webhook service with the bearer token', () => {
    for (const trigger of ['rollout-updated', 'rollout-step-completed', 'rollout-paused', 'rollout-completed', 'rollout-aborted', 'analysis-run-failed']) {
      expect(parse(cm.data[`trigger.on-${trigger}`]!)).toEqual([{ send: [trigger, `plimsoll-${trigger}`] }])
    }
    const service = parse(cm.data['service.webhook.plimsoll']!) as { url: string; headers: { name: string; value: string }[] }
    expect(service.url).toMatch(/\/api\/webhooks\/rollouts\/\d+$/)
    expect(service.headers).toContainEqual({ name: 'Authorization', value: 'Bearer $plimsoll-rollouts-token' })
  })

  it.each([
    ['canary-completed.json', (_i: number, e: Obj) => canary('2', 'nginx:1.15.5', Number(e.stepIndex))],
    ['canary-aborted.json', (_i: number, e: Obj) => canary('3', 'nginx:1.15.6', Number(e.stepIndex))],
    ['blue-green-completed.json', () => blueGreen],
  ])('renders %s for the docs\' Rollout', (file, rolloutAt) => {
    fixture(file as string).forEach((expected, i) => {
      const rollout = (rolloutAt as (i: number, e: Obj) => Obj)(i, expected)
      const rendered = render(body(expected.trigger as string), { rollout }, expected.sentAt as string)
      expect(JSON.parse(rendered)).toEqual(expected)
    })
  })
})
