import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import PgBoss from 'pg-boss'
import { startWorker, type Worker } from '@/lib/jobs/worker'
import { jobs } from '@/lib/jobs/registry'

const url = process.env.DATABASE_URL!
let worker: Worker
let sender: PgBoss
const ran: unknown[] = []

beforeAll(async () => {
  worker = await startWorker(url, [...jobs, { name: 'test.echo', run: async (_ctx, data) => void ran.push(data) }])
  sender = new PgBoss({ connectionString: url, max: 1, schema: 'pgboss' })
  await sender.start()
})

afterAll(async () => {
  await sender.stop({ graceful: false })
  await worker.stop()
})

async function waitFor(condition: () => boolean, ms = 20_000) {
  const until = Date.now() + ms
  while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 200))
}

describe('job worker (pg-boss on PostgreSQL)', () => {
  it('runs a job sent through the queue with its data', async () => {
    await sender.send('test.echo', { hello: 'world' })
    await waitFor(() => ran.length > 0)
    expect(ran).toEqual([{ hello: 'world' }])
  })

  it('schedules maintenance and runs it on demand', async () => {
    const schedules = await sender.getSchedules()
    expect(schedules.map((s) => s.name)).toContain('maintenance.vacuum-analyze')
    const id = await sender.send('maintenance.vacuum-analyze', {})
    let state = ''
    for (let i = 0; i < 100 && state !== 'completed' && state !== 'failed'; i++) {
      state = (await sender.getJobById('maintenance.vacuum-analyze', id!))?.state ?? ''
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(state).toBe('completed')
  })
})
