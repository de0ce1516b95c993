import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { fixPgliteSocketQueue } from '@/lib/embedded/pglite-socket-fix'

export type EmbeddedPostgres = {
  url: string
  port: number
  stop: () => Promise<void>
  /** The data directory as a tarball, for another instance's loadDataDir (a migrated copy without migrating). */
  dump: () => Promise<Blob>
}

// PGlite (PostgreSQL compiled to WASM) served over the wire protocol, so the app, the Prisma CLI and
// psql all use the same code path as with a real server. Only one process may open a data directory
// (two would silently diverge), hence the lock file.
export async function startEmbeddedPostgres(
  opts: { dataDir: string | 'memory'; port: number; maxConnections?: number; loadDataDir?: Blob },
): Promise<EmbeddedPostgres> {
  const release = opts.dataDir === 'memory' ? () => {} : lockDataDir(opts.dataDir)
  try {
    const db = await PGlite.create(opts.dataDir === 'memory' ? 'memory://' : opts.dataDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {})
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: opts.port, maxConnections: opts.maxConnections ?? 64 })
    fixPgliteSocketQueue(server)
    await server.start()
    const port = Number(server.getServerConn().split(':').pop())
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
      port,
      dump: () => db.dumpDataDir(),
      stop: async () => {
        await server.stop()
        await db.close()
        release()
      },
    }
  } catch (err) {
    release()
    throw err
  }
}

function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const lock = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`)
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'))
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The embedded database in ${dataDir} is in use by process ${pid}. Stop it first (only one process may open it).`)
    }
  }
  const fd = openSync(lock, 'w')
  writeFileSync(fd, String(process.pid))
  closeSync(fd)
  return () => rmSync(lock, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
