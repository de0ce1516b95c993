import { spawn, type ChildProcessByStdio } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { expect, it } from 'vitest'

// `npm test` (scripts/test.ts) run by a person without apt rights on a machine where pdftotext, pdftoppm
// and oscap look missing (a PATH holding only node): it must stop before its first step, within seconds,
// printing the command that installs them. Run as root, the check would install instead, so the child
// runs as `nobody` then (runuser). Nothing is uninstalled: the packages only look missing to it.
it('npm test without root and without poppler-utils/openscap stops before any step with the command', async () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'plimsoll-nopkgs-'))
  fs.chmodSync(bin, 0o755)
  fs.symlinkSync(process.execPath, path.join(bin, 'node'))
  const env = { NODE_ENV: 'test' as const, PATH: bin, HOME: os.tmpdir(), NO_COLOR: '1', TSX_DISABLE_CACHE: '1' }
  const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx')
  const asRoot = process.getuid?.() === 0
  const [cmd, args]: [string, string[]] = asRoot ? ['/usr/sbin/runuser', ['-u', 'nobody', '--', '/usr/bin/env', `PATH=${bin}`, tsx, 'scripts/test.ts']] : [tsx, ['scripts/test.ts']]
  const started = Date.now()
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(cmd, args, { env, cwd: process.cwd(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const result = await new Promise<{ code: number | null; stepStarted: boolean }>((resolve) => {
    const stop = (stepStarted: boolean) => {
      try {
        process.kill(-child.pid!, 'SIGKILL') // a check that let the suite start must not run it here
      } catch {}
      resolve({ code: null, stepStarted })
    }
    const timer = setTimeout(() => stop(false), 30_000)
    const read = (chunk: Buffer) => {
      out += chunk
      if (out.includes('[test] ▶') || out.includes('DATABASE_URL unset')) {
        clearTimeout(timer)
        stop(true)
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stepStarted: false })
    })
  })
  fs.rmSync(bin, { recursive: true, force: true })
  expect(result.stepStarted, out).toBe(false)
  expect(result.code, out).toBe(1)
  expect(Date.now() - started).toBeLessThan(20_000)
  expect(out).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends poppler-utils openscap-scanner')
  expect(out).not.toMatch(/installing missing system packages/)
})
