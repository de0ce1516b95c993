import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/lib/embedded/embedded-postgres'

let embedded: EmbeddedPostgres
let pool: pg.Pool
// on disk, as `npm start` runs it: file I/O lets other connections' messages in between
const dataDir = mkdtempSync(path.join(tmpdir(), 'plimsoll-pglite-'))

beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite'), port: 0 })
  pool = new pg.Pool({ connectionString: embedded.url, max: 10 })
})

afterAll(async () => {
  await pool.end()
  await embedded.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('embedded PostgreSQL (PGlite over the wire protocol)', () => {
  it('keeps concurrent parameterised queries from different connections apart', async () => {
    // Two statement shapes with different parameter counts, interleaved across 10 connections.
    await pool.query('CREATE TABLE IF NOT EXISTS w (n int, m int)')
    // a long statement reaches the server in several TCP reads, so messages of other connections
    // arrive between its Parse and its Sync
    const pad = `/* ${'x'.repeat(256 * 1024)} */`
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2
          ? pool.query<{ s: number }>(`INSERT INTO w VALUES ($1::int, $2::int) RETURNING n + m AS s ${pad}`, [i, 1])
          : pool.query<{ s: number }>('INSERT INTO w (n) VALUES ($1::int) RETURNING n AS s', [i]),
      ),
    )
    expect(results.map((r) => r.rows[0]!.s)).toEqual(Array.from({ length: 200 }, (_, i) => (i % 2 ? i + 1 : i)))
  })

  it('serialises a transaction against queries from other connections', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS t (n int)')
    const tx = await pool.connect()
    await tx.query('BEGIN')
    await tx.query('INSERT INTO t VALUES ($1)', [1])
    const outside = pool.query<{ n: number }>('SELECT count(*)::int AS n FROM t')
    await tx.query('INSERT INTO t VALUES ($1)', [2])
    await tx.query('COMMIT')
    tx.release()
    expect((await outside).rows[0]!.n).toBe(2)
  })

  it('goes on serving after a failing statement', async () => {
    await expect(pool.query('SELECT $1::int', ['not a number'])).rejects.toThrow()
    expect((await pool.query<{ one: number }>('SELECT $1::int AS one', [1])).rows[0]!.one).toBe(1)
  })
})
