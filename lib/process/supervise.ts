import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'

// A child process kept running: when it exits (a crash, an out-of-memory abort, a SIGKILL) it is started
// again after a pause that doubles with each quick failure (0.5 s, 1 s, 2 s... at most 30 s), so a child
// that cannot start does not spin, while one killed after a healthy run is back within a second.
export type Supervised = { readonly current: ChildProcess; restarts: number; stop(): Promise<void> }

export type SuperviseOptions = {
  name: string
  command: string
  args: string[]
  spawnOptions?: SpawnOptions
  log: (message: string) => void
  // a run this long was healthy: the next failure starts the backoff again
  healthyAfterMs?: number
  // asked on each exit; false leaves the child stopped (npm start stops everything while starting up)
  shouldRestart?: (code: number | null, signal: NodeJS.Signals | null) => boolean
}

const FIRST_DELAY_MS = 500
const MAX_DELAY_MS = 30_000

export function restartDelayMs(quickFailures: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** quickFailures)
}

export function supervise(o: SuperviseOptions): Supervised {
  let stopped = false
  let quickFailures = 0
  let timer: NodeJS.Timeout | undefined
  let child: ChildProcess
  const state: Supervised = {
    get current() {
      return child
    },
    restarts: 0,
    async stop() {
      stopped = true
      clearTimeout(timer)
      await stopChild(child)
    },
  }
  const launch = () => {
    const startedAt = Date.now()
    child = spawn(o.command, o.args, o.spawnOptions ?? {})
    o.log(`${o.name} started (pid ${child.pid})`)
    child.on('exit', (code, signal) => {
      if (stopped) return
      if (o.shouldRestart && !o.shouldRestart(code, signal)) return
      if (Date.now() - startedAt >= (o.healthyAfterMs ?? 60_000)) quickFailures = 0
      const delay = restartDelayMs(quickFailures++)
      o.log(`${o.name} exited (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s`)
      timer = setTimeout(() => {
        if (stopped) return
        state.restarts++
        launch()
      }, delay)
    })
  }
  launch()
  return state
}

// SIGTERM, then SIGKILL after 10 s.
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
