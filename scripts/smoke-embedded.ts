// Smoke test of the README's first command with no DATABASE_URL: `npm start` brings up the embedded
// PostgreSQL with demo data, a deployment posted with the printed token is kept across a Ctrl-C
// and a second start. Run by .ci/run after `npm test`.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const port = Number(process.env.SMOKE_PORT ?? 3300)
const base = `http://127.0.0.1:${port}`
const dataDir = mkdtempSync(path.join(tmpdir(), 'plimsoll-smoke-'))
const results: { name: string; ok: boolean; detail?: string }[] = []

type Started = { child: ChildProcess; token: string; output: string[] }

function start(): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PLIMSOLL_DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0' }
  delete env.DATABASE_URL
  // its own process group, so the SIGINT below reaches npm and everything under it, as Ctrl-C does
  const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const output: string[] = []
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready within 240 s:\n${output.join('')}`)), 240_000)
    let token = ''
    const onData = (chunk: Buffer) => {
      const text = chunk.toString()
      output.push(text)
      process.stdout.write(text.replace(/^/gm, '  | '))
      token ||= /demo ingest token \(team [^)]+\): (pls_\S+)/.exec(output.join(''))?.[1] ?? ''
      if (/\[plimsoll\] ready: /.test(output.join('')) && token) {
        clearTimeout(timer)
        resolve({ child, token, output })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`npm start exited early (code ${code}):\n${output.join('')}`)))
  })
}

// Ctrl-C: SIGINT to the whole group. npm itself dies of the signal; what must hold is that
// Plimsoll reports a clean stop and that nothing of the group is left running.
function stop(s: Started): Promise<boolean> {
  return new Promise((resolve) => {
    s.child.removeAllListeners('exit')
    const timer = setTimeout(() => {
      process.kill(-s.child.pid!, 'SIGKILL')
      resolve(false)
    }, 120_000)
    // npm exits at once on SIGINT; Plimsoll under it takes a moment to stop its children and the database
    s.child.on('exit', async () => {
      clearTimeout(timer)
      const until = Date.now() + 90_000
      while (groupAlive(s.child.pid!) && Date.now() < until) await new Promise((r) => setTimeout(r, 200))
      resolve(s.output.join('').includes('[plimsoll] stopped') && !groupAlive(s.child.pid!))
    })
    process.kill(-s.child.pid!, 'SIGINT')
  })
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

function check(name: string, ok: boolean, detail?: string) {
  results.push({ name, ok, detail })
  console.log(`${ok ? '✔' : '✘'} ${name}${!ok && detail ? `: ${detail}` : ''}`)
}

// The demo install sends a visitor without a session through the demo viewer's sign-in, which sets a cookie.
async function openAsDemoVisitor(path: string): Promise<Response> {
  const first = await fetch(`${base}${path}`, { redirect: 'manual' })
  const location = first.headers.get('location') ?? ''
  if (!location.includes('/api/auth/demo-sign-in')) throw new Error(`expected a redirect to the demo sign-in, got ${first.status} ${location}`)
  const signIn = await fetch(new URL(location, base), { redirect: 'manual' })
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  return fetch(`${base}${path}`, { headers: { cookie } })
}

async function main() {
  const deployment = { id: `smoke-${Date.now()}`, service: 'smoke-test', environment: 'production', status: 'success', finishedAt: new Date().toISOString() }
  const first = await start()
  const page = await openAsDemoVisitor('/')
  check('a visitor is signed in as the demo viewer and gets the dashboard', page.ok && (await page.text()).includes('Demo viewer'))
  check('the first start prints a one-time link to create the admin', first.output.join('').includes('/setup?token='))
  const headers = { Authorization: `Bearer ${first.token}`, 'Content-Type': 'application/json' }
  const posted = await fetch(`${base}/api/v1/deployments`, { method: 'POST', headers, body: JSON.stringify(deployment) })
  check('POST /api/v1/deployments with the printed token returns 201', posted.status === 201, `got ${posted.status}: ${await posted.clone().text()}`)
  const demo = await (await fetch(`${base}/api/v1/deployments?limit=5`, { headers })).json()
  check('the demo data is loaded', Array.isArray(demo.data) && demo.data.length === 5, JSON.stringify(demo).slice(0, 200))
  check('Ctrl-C stops everything cleanly', await stop(first))

  const second = await start()
  check('a second start prints the same token', second.token === first.token)
  const list = await fetch(`${base}/api/v1/deployments?service=smoke-test`, { headers: { Authorization: `Bearer ${second.token}` } })
  const body = await list.json()
  check('the deployment survived the restart', body.data?.some((d: { externalId: string }) => d.externalId === deployment.id), JSON.stringify(body).slice(0, 300))
  check('the demo data was not loaded twice', !second.output.join('').includes('loading the demo organisation'))
  check('second stop is clean too', await stop(second))
}

main()
  .catch((err) => check('smoke run', false, String(err?.stack ?? err)))
  .finally(() => {
    rmSync(dataDir, { recursive: true, force: true })
    const failed = results.filter((r) => !r.ok).length
    console.log(`smoke: ${results.length - failed} passed, ${failed} failed`)
    process.exit(failed ? 1 : 0)
  })
