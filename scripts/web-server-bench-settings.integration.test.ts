import { spawn } from 'node:child_process'
import path from 'node:path'
import { expect, it } from 'vitest'

// The web server npm start and Docker run refuses the benchmarks' "no ingest limits" setting unless the
// run says it is a benchmark (PLIMSOLL_BENCH=1): it stops before listening, naming the setting.
it('scripts/web-server.ts refuses PLIMSOLL_RATE_LIMITS=off without PLIMSOLL_BENCH=1', async () => {
  const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx')
  const env = { ...process.env, PLIMSOLL_RATE_LIMITS: 'off', PLIMSOLL_BENCH: undefined, PLIMSOLL_SECRET_KEY: 'a'.repeat(44), PLIMSOLL_AUTH_SECRET: undefined }
  const child = spawn(tsx, ['scripts/web-server.ts', '-p', '0', '-H', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let out = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (out += c))
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000)
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  clearTimeout(timer)
  expect(code, out).toBe(1)
  expect(out).toMatch(/PLIMSOLL_RATE_LIMITS: "off" is for benchmarks only and needs PLIMSOLL_BENCH=1/)
  expect(out).not.toMatch(/listening/)
})
