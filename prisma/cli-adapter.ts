// Workarounds that let the Prisma 6.19 CLI (WebAssembly schema engine, no native binaries) migrate
// PostgreSQL and PGlite through @prisma/adapter-pg. Loaded only by prisma.config.ts, i.e. inside the
// CLI process, never by the app. Delete each one when an upgrade makes it unnecessary.
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'

type PgFields = { host: string; port: number; user: string; password: string; database: string; allowExitOnIdle: boolean }

// Discrete fields, not { connectionString }: pg lets a connectionString override `database`,
// which would make the "shadow" database the main one.
export function pgFields(url: string, database?: string): PgFields {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? decodeURIComponent(u.pathname.slice(1)),
    allowExitOnIdle: true,
  }
}

// prisma/orm#27403: adapter-pg 6.x cannot deserialize `name` (OID 19) and `"char"` (OID 18), which the
// engine's introspection returns: report them as TEXT. PostgreSQL 18 (PGlite) also lists NOT NULL
// constraints in pg_constraint (contype 'n'), on which the 6.19 wasm engine panics: drop those rows.
// It panics ("unreachable") on CHECK constraints too (contype 'c', e.g. probe_check's), which Prisma
// does not model anyway: drop those as well, or `migrate dev` and `migrate diff` cannot run.
function patchIntrospection(obj: object) {
  let proto = Object.getPrototypeOf(obj)
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto)
  if (!proto || proto.__plimsollPatched) return
  const orig = proto.performIO
  proto.performIO = async function (query: unknown) {
    const res = await orig.call(this, query)
    for (const f of res.fields ?? []) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25
    const ci = (res.fields ?? []).findIndex((f: { name: string }) => f.name === 'constraint_type')
    if (ci >= 0) res.rows = res.rows.filter((r: unknown[]) => r[ci] !== 'n' && r[ci] !== 'c')
    return res
  }
  proto.__plimsollPatched = true
}

// adapter-pg 6.19 runs a migration script by splitting it on ";", which breaks every function body
// (lead_time_rollup's triggers): send the script whole, as one simple query. PostgreSQL then runs it
// in one implicit transaction, so a failing migration leaves nothing half-applied.
function patchExecuteScript(obj: object) {
  let proto = Object.getPrototypeOf(obj)
  while (proto && !Object.hasOwn(proto, 'executeScript')) proto = Object.getPrototypeOf(proto)
  if (!proto || proto.__plimsollScriptPatched) return
  proto.executeScript = async function (this: { client: pg.PoolClient | pg.Pool; onError(e: unknown): never }, script: string) {
    try {
      await this.client.query(script)
    } catch (error) {
      this.onError(error)
    }
  }
  proto.__plimsollScriptPatched = true
}

function patchAdapter(obj: object) {
  patchIntrospection(obj)
  patchExecuteScript(obj)
}

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>

function onDispose(adapter: Adapter, after: () => Promise<void>): Adapter {
  const dispose = adapter.dispose.bind(adapter)
  adapter.dispose = async () => {
    await dispose()
    await after()
  }
  return adapter
}

export class MigratePg extends PrismaPg {
  constructor(private readonly url: string) {
    super(pgFields(url))
  }

  async connect() {
    const adapter = await super.connect()
    patchAdapter(adapter)
    return adapter
  }

  // adapter-pg 6.19.3 drops the shadow database while its own pool is still connected
  // ("is being accessed by other users"): close the pool first.
  async connectToShadowDb() {
    const admin = await this.connect()
    const version = await admin.queryRaw({ sql: 'SELECT version()', args: [], argTypes: [] })
    if (String(version.rows[0]?.[0]).includes('PGlite')) {
      await admin.dispose()
      return pgliteShadow(this.url)
    }
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`
    await admin.executeScript(`CREATE DATABASE "${database}"`)
    const shadow = await new PrismaPg(pgFields(this.url, database)).connect()
    patchAdapter(shadow)
    return onDispose(shadow, async () => {
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`)
      await admin.dispose()
    })
  }
}

// PGlite has one database and ignores the name, so a shadow database on it would be the main one:
// serve a throw-away in-memory PGlite on a free port instead.
async function pgliteShadow(url: string) {
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  const db = await PGlite.create('memory://')
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 })
  await server.start()
  const port = Number(server.getServerConn().split(':').pop())
  const shadow = await new PrismaPg({ ...pgFields(url, 'postgres'), host: '127.0.0.1', port }).connect()
  patchAdapter(shadow)
  return onDispose(shadow, async () => {
    await server.stop()
    await db.close()
  })
}

// The wasm schema engine arms 10-60 s timers that are not unref'd, so the CLI would linger after its
// work is done. This runs inside the CLI process only.
export function unrefLongTimers() {
  const realSetTimeout = globalThis.setTimeout
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const t = realSetTimeout(fn, ms, ...args)
    if ((ms ?? 0) >= 5000) t.unref()
    return t
  }) as typeof setTimeout
}

// Unlike the native engine, the wasm engine does not create a missing database.
export async function ensureDatabase(url: string) {
  const { database, ...rest } = pgFields(url)
  const client = new pg.Client({ ...rest, database: 'postgres' })
  await client.connect()
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`)
  } finally {
    await client.end()
  }
}
