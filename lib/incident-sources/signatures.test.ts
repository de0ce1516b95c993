import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { pagerdutySignatureValid, sharedTokenValid, standardWebhookProblem } from '@/lib/incident-sources/signatures'

// The vendors' own test vectors (lib/incident-sources/fixtures/README.md).
const pdBody = readFileSync('lib/incident-sources/fixtures/pagerduty/go-pagerduty-signed-body.json')
const pdSecret = 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK'
const pdGood = 'v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd'
const pdBad = 'v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5'

describe('PagerDuty X-PagerDuty-Signature', () => {
  it.each([
    ['the valid signature', pdGood, true],
    ['the signature that must fail', pdBad, false],
    ['any of several (rotation)', `${pdBad},${pdGood}`, true],
    ['with spaces after commas', `${pdBad}, ${pdGood}`, true],
    ['a v0 entry with the right digest', pdGood.replace('v1=', 'v0='), false],
    ['no entry', '', false],
    ['truncated', pdGood.slice(0, 40), false],
  ])('%s', (_label, header, valid) => {
    expect(pagerdutySignatureValid(header, pdBody, pdSecret)).toBe(valid)
  })

  it('is over the exact bytes: a trailing newline breaks it', () => {
    expect(pdBody.byteLength).toBe(1655)
    expect(pagerdutySignatureValid(pdGood, Buffer.concat([pdBody, Buffer.from('\n')]), pdSecret)).toBe(false)
  })
})

describe('incident.io (Standard Webhooks) signature', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
  const h = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: '1614265330', signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }
  const body = Buffer.from('{"test": 2432232314}')
  const at = 1614265330 * 1000

  it.each([
    ['the test vector', h, at, null],
    ['any of several signatures', { ...h, signature: `v1,AAAA ${h.signature}` }, at, null],
    ['4 minutes late', h, at + 240_000, null],
    ['6 minutes late (a replay)', h, at + 360_000, 'webhook-timestamp is more than 5 minutes from now'],
    ['another id', { ...h, id: 'msg_other' }, at, 'webhook-signature matches no v1 signature of the body'],
    ['a v2 entry', { ...h, signature: h.signature.replace('v1,', 'v2,') }, at, 'webhook-signature matches no v1 signature of the body'],
    ['a timestamp that is not seconds', { ...h, timestamp: '2021-02-25' }, at, 'webhook-timestamp must be Unix seconds'],
  ])('%s', (_label, headers, now, problem) => {
    expect(standardWebhookProblem(headers, body, secret, now)).toBe(problem)
  })
})

describe('shared tokens', () => {
  it.each([['s3cret', 's3cret', true], ['s3cret', 's3cre', false], ['', 's3cret', false]])('%s vs %s', (given, secret, valid) => {
    expect(sharedTokenValid(given, secret)).toBe(valid)
  })
})
