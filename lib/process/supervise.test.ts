import { describe, expect, it } from 'vitest'
import { restartDelayMs, supervise } from '@/lib/process/supervise'

describe('supervise', () => {
  it('doubles the pause after each quick failure, up to 30 s', () => {
    expect([0, 1, 2, 3, 10].map(restartDelayMs)).toEqual([500, 1_000, 2_000, 4_000, 30_000])
  })

  it('starts a crashed child again, a killed one too, and leaves it stopped once asked', async () => {
    const logs: string[] = []
    // exits with code 3 on its first run (a marker file says which run it is), then stays up
    const script = `const f=require('fs'),p=process.argv[1];if(!f.existsSync(p)){f.writeFileSync(p,'');process.exit(3)}setInterval(()=>{},1e3)`
    const marker = `${(await import('node:os')).tmpdir()}/plimsoll-supervise-${process.pid}-${Date.now()}`
    const s = supervise({ name: 'child', command: process.execPath, args: ['-e', script, marker], log: (m) => logs.push(m) })
    const waitFor = async (ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50))
      expect(ok()).toBe(true)
    }
    await waitFor(() => s.restarts === 1 && s.current.pid !== undefined && s.current.exitCode === null)
    expect(logs.some((l) => l.includes('exited (code 3)'))).toBe(true)
    const before = s.current.pid
    s.current.kill('SIGKILL')
    await waitFor(() => s.restarts === 2 && s.current.pid !== before)
    expect(logs.some((l) => l.includes('exited (SIGKILL)'))).toBe(true)
    await s.stop()
    expect(s.current.signalCode).toBe('SIGTERM')
    await new Promise((r) => setTimeout(r, 1_200))
    expect(s.restarts).toBe(2)
    ;(await import('node:fs')).rmSync(marker, { force: true })
  })
})
