import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { finalStage } from '@/lib/compliance/self-check'

// The container hardening docs/security.md recommends, held in our own Dockerfile and docker-compose.yml
// (issue 19 item 7). No Docker engine runs here: the files are read as Docker reads them.
const root = path.resolve(import.meta.dirname, '..')

describe('the Docker image', () => {
  const stage = finalStage(readFileSync(path.join(root, 'Dockerfile'), 'utf8'))
  const last = (name: string) => stage.filter((i) => i.name === name).at(-1)

  it('runs as a user that is not root', () => {
    const user = last('USER')?.args.split(':')[0]
    expect(user, 'USER in the final stage').toBeTruthy()
    expect(['root', '0']).not.toContain(user)
  })

  it('has a HEALTHCHECK that calls /api/health', () => {
    expect(last('HEALTHCHECK')?.args).toMatch(/CMD .*\/api\/health/)
  })

  it('starts without npm (which writes under $HOME, read-only in the container)', () => {
    expect(last('CMD')?.args).toMatch(/^\["node",.*"scripts\/start\.ts"\]$/)
  })

  it('gives the app user only the directories it writes', () => {
    const chown = stage.filter((i) => i.name === 'RUN').map((i) => i.args).join(' ')
    expect(chown).toMatch(/chown node:node \/app\/\.data \/app\/\.next\/cache/)
  })
})

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Record<string, unknown>> }
  const app = compose.services.app!

  it('runs the app as the image\'s unprivileged user', () => {
    expect(app.user).toBeTruthy()
    expect(String(app.user).split(':')[0]).not.toMatch(/^(root|0)$/)
  })

  it('has a read-only root filesystem with tmpfs only where the app writes', () => {
    expect(app.read_only).toBe(true)
    expect([...(app.tmpfs as string[])].sort()).toEqual(['/app/.next/cache', '/tmp'])
    expect(app.volumes).toEqual(['appdata:/app/.data'])
  })

  it('drops every capability and forbids gaining privileges', () => {
    expect(app.cap_drop).toEqual(['ALL'])
    expect(app.cap_add).toBeUndefined()
    expect(app.privileged).toBeFalsy()
    expect(app.security_opt).toContainEqual(expect.stringMatching(/^no-new-privileges(:true)?$/))
  })

  it('restarts on failure and checks its health', () => {
    for (const name of ['app', 'db']) expect(['always', 'unless-stopped', 'on-failure']).toContain(compose.services[name]!.restart)
    expect((app.healthcheck as { test: string[] }).test.join(' ')).toContain('/api/health')
  })
})
