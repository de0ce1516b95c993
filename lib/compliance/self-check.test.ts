import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { composeChecks, dockerfileChecks } from '@/lib/compliance/self-check'
import { controlsMatrix } from '@/lib/compliance/posture-matrix'

// Eat our own cooking (issue 23 item 7): Plimsoll's posture rules over its own Dockerfile and the app
// service of docker-compose.yml fail the test on any failed control. The db service runs the upstream
// postgres image, which starts as root to set up its data directory: not ours to check here.
const root = path.resolve(import.meta.dirname, '../..')
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Record<string, unknown>> }
const ours = [
  ...dockerfileChecks('Dockerfile', readFileSync(path.join(root, 'Dockerfile'), 'utf8')),
  ...composeChecks('docker-compose.yml app', compose.services.app!),
]

describe('Plimsoll\'s own image and container', () => {
  const cells = controlsMatrix({ checks: ours, runs: [] })

  it('fail no control', () => {
    expect(cells.filter((c) => c.status === 'fail').map((c) => `${c.workload}: ${c.control} (${c.checks.join(', ')})`)).toEqual([])
  })

  it('are checked on every container control the rules cover', () => {
    expect(cells.filter((c) => c.workload === 'docker-compose.yml app').map((c) => c.control).sort()).toEqual([
      'capabilities-dropped', 'host-namespaces', 'no-privilege-escalation', 'no-privileged', 'non-root', 'read-only-root-fs',
      'resource-limits', 'seccomp', 'selinux-apparmor'])
    expect(cells.filter((c) => c.workload === 'Dockerfile').map((c) => c.control)).toEqual(['non-root'])
  })
})

describe('the rules fail what they should', () => {
  const failing = (checks: ReturnType<typeof composeChecks>) => controlsMatrix({ checks, runs: [] }).filter((c) => c.status === 'fail').map((c) => c.control).sort()

  it.each([
    ['a root image', 'FROM debian\nRUN true\n', ['non-root']],
    ['USER root after USER node', 'FROM debian\nUSER node\nUSER 0:0\n', ['non-root']],
    ['a non-root user in the build stage only', 'FROM node AS build\nUSER node\nFROM debian\nCMD ["x"]\n', ['non-root']],
    ['USER node', 'FROM debian\nUSER node\n', []],
  ])('Dockerfile: %s', (_name, text, controls) => {
    expect(failing(dockerfileChecks('Dockerfile', text))).toEqual(controls)
  })

  it('a compose service with nothing set fails every control the rules cover', () => {
    expect(failing(composeChecks('svc', { image: 'x' }))).toEqual([
      'capabilities-dropped', 'no-privilege-escalation', 'non-root', 'read-only-root-fs', 'resource-limits'])
    expect(failing(composeChecks('svc', { privileged: true, pid: 'host', security_opt: ['seccomp:unconfined', 'apparmor:unconfined'] }))).toEqual(
      expect.arrayContaining(['no-privileged', 'host-namespaces', 'seccomp', 'selinux-apparmor']))
  })
})
