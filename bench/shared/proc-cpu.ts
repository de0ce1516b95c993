import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

// CPU time (user + system, ms) of processes, from /proc (Linux): a server's processes, the PostgreSQL
// backends of a database. A process that has exited (or that /proc does not show) is left out.
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100)

export function cpuOf(pids: number[]): Map<number, number> {
  return cpuOfStats(pids, (pid) => `/proc/${pid}/stat`)
}

/** This process's main thread alone (its worker threads left out). */
export function mainThreadCpuMs(): number {
  return cpuOfStats([process.pid], (pid) => `/proc/${pid}/task/${pid}/stat`).get(process.pid) ?? 0
}

function cpuOfStats(pids: number[], statPath: (pid: number) => string): Map<number, number> {
  const cpu = new Map<number, number>()
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(statPath(pid), 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      cpu.set(pid, (Number(f[11]) + Number(f[12])) * TICK_MS)
    } catch {
      // exited
    }
  }
  return cpu
}
