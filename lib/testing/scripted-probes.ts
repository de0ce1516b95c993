import { ManualClock } from '@/lib/probes/clock'
import { startProbeService } from '@/lib/probes/probe-service'
import { listProbeChecks } from '@/lib/queries/probes/list-probe-checks'
import { loopbackAllowList } from '@/lib/testing/probe-targets'

// Runs these checks' probes on a manual clock (no jitter) from t0 to t0 + end seconds, a step every 10 s:
// `before(s)` sets the targets for the samples due at second s. Every sample time is so known to the second.
export async function runScriptedProbes(checkServiceIds: number[], t0: number, end: number, before: (s: number) => Promise<void> | void) {
  const clock = new ManualClock(t0)
  // only the test's checks (the database may hold others)
  const probes = await startProbeService({ clock, allowList: loopbackAllowList, offsetMs: () => 0, reloadMs: 3_600_000, listChecks: () => listProbeChecks(checkServiceIds) })
  try {
    for (let s = 0; s <= end; s += 10) {
      await before(s)
      clock.advanceTo(t0 + s * 1000)
      await probes.scheduler.idle()
    }
  } finally {
    await probes.stop()
  }
}
