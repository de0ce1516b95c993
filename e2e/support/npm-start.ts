import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export type NpmStart = { dataDir: string; output: () => string; firstAdminLink: () => string; stop: () => Promise<void> }

// `npm start` as a person runs it from the README: a port and a data directory of its own, and only the
// settings given here; nothing from the test's own environment that a person would not have set (no
// DATABASE_URL, PLIMSOLL_PUBLIC_URL, HOST or PLIMSOLL_SECRET_KEY). The suite has just built the app: a start
// that wants to build again fails at once instead of spending minutes on it.
export async function npmStart(port: number, settings: Record<string, string> = {}): Promise<NpmStart> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'plimsoll-start-'))
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PLIMSOLL_DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0', ...settings }
  for (const name of ['DATABASE_URL', 'PLIMSOLL_PUBLIC_URL', 'HOST', 'PLIMSOLL_SECRET_KEY', 'PLIMSOLL_DEMO_SIGN_IN', 'OIDC_ISSUER']) {
    if (!(name in settings)) delete env[name]
  }
  // its own process group, so stopping reaches npm and everything under it, as Ctrl-C does
  const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const chunks: string[] = []
  const output = () => chunks.join('')
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready within 240 s:\n${output()}`)), 240_000)
    const onData = (chunk: Buffer) => {
      chunks.push(chunk.toString())
      if (output().includes('building the app')) reject(new Error('npm start found the build stale and began building: run `next build` first (npm test does)'))
      if (output().includes('[plimsoll] ready: ')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`npm start exited early (code ${code}):\n${output()}`)))
  }).catch(async (err) => {
    await stopGroup(child)
    rmSync(dataDir, { recursive: true, force: true })
    throw err
  })
  return {
    dataDir,
    output,
    firstAdminLink: () => {
      const link = /create the first one at (\S+)/.exec(output())?.[1]
      if (!link) throw new Error(`npm start printed no first-admin link:\n${output()}`)
      return link
    },
    stop: async () => {
      await stopGroup(child)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

// SIGINT to the whole group (Ctrl-C), then SIGKILL whatever is still there after 60 s.
async function stopGroup(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit')
  try {
    process.kill(-child.pid!, 'SIGINT')
  } catch {
    return // already gone
  }
  const until = Date.now() + 60_000
  while (Date.now() < until) {
    try {
      process.kill(-child.pid!, 0)
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  process.kill(-child.pid!, 'SIGKILL')
}
