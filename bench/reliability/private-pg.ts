// A PostgreSQL 15 cluster of the harness's own (initdb in a temporary directory, a spare port), so the
// database-restart and full-database tests never touch the shared server. initdb refuses root: as root
// the binaries run as the `postgres` user.
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const BIN_DIR = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin'

export type PrivatePg = {
  port: number
  adminUrl: string
  // async: the harness keeps sending (and timing) requests while the server goes down and up
  stop: () => Promise<void>
  start: () => Promise<void>
  destroy: () => void
}

function command(cmd: string, args: string[]): [string, string[]] {
  const bin = path.join(BIN_DIR, cmd)
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
}

function asPostgres(cmd: string, args: string[]): string {
  const [file, argv] = command(cmd, args)
  return execFileSync(file, argv, { timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] }).toString()
}

async function asPostgresAsync(cmd: string, args: string[]): Promise<void> {
  const [file, argv] = command(cmd, args)
  await promisify(execFile)(file, argv, { timeout: 120_000 })
}

export function privatePgAvailable(): boolean {
  return fs.existsSync(path.join(BIN_DIR, 'initdb')) && fs.existsSync(path.join(BIN_DIR, 'pg_ctl'))
}

export function createPrivatePg(port: number, settings: Record<string, string | number> = {}): PrivatePg {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plimsoll-reliability-pg-'))
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir])
  const data = path.join(dir, 'data')
  const logFile = path.join(dir, 'postgres.log')
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const conf = { listen_addresses: "'127.0.0.1'", port, unix_socket_directories: `'${dir}'`, max_connections: 60, shared_buffers: "'64MB'", ...settings }
  fs.appendFileSync(path.join(data, 'postgresql.conf'), Object.entries(conf).map(([k, v]) => `${k} = ${v}\n`).join(''))
  const ctl = (...args: string[]) => asPostgresAsync('pg_ctl', ['-D', data, '-l', logFile, ...args])
  asPostgres('pg_ctl', ['-D', data, '-l', logFile, 'start', '-w', '-t', '60'])
  return {
    port,
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: () => ctl('start', '-w', '-t', '60'),
    // fast: open sessions are terminated (57P01), as `pg_ctlcluster <ver> main restart` does
    stop: () => ctl('stop', '-m', 'fast', '-w', '-t', '60'),
    destroy: () => {
      try {
        asPostgres('pg_ctl', ['-D', data, '-l', logFile, 'stop', '-m', 'immediate', '-w', '-t', '30'])
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
