// Time as the probe scheduler sees it: the system clock in the worker, a manual one in tests.
export type Clock = { now(): number; sleepUntil(at: number, signal: AbortSignal): Promise<void> }

export const systemClock: Clock = {
  now: () => Date.now(),
  sleepUntil: (at, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve()
      const timer = setTimeout(done, Math.max(0, at - Date.now()))
      signal.addEventListener('abort', done, { once: true })
      function done() {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
    }),
}

// Time moves only when a test says so: every sleeper due by then wakes up.
export class ManualClock implements Clock {
  private sleepers: { at: number; resolve: () => void }[] = []
  constructor(private current: number) {}
  now() {
    return this.current
  }
  sleepUntil(at: number, signal: AbortSignal): Promise<void> {
    if (at <= this.current || signal.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper)
        resolve()
      }
      const sleeper = { at, resolve: () => (signal.removeEventListener('abort', onAbort), resolve()) }
      this.sleepers.push(sleeper)
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }
  advanceTo(at: number) {
    this.current = at
    const due = this.sleepers.filter((s) => s.at <= at)
    this.sleepers = this.sleepers.filter((s) => s.at > at)
    for (const s of due) s.resolve()
  }
}
