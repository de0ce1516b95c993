import pg from 'pg'
import { logger } from '@/lib/logger'
import { sessionPid, tryProbeLeaderLock } from '@/lib/queries/probes/probe-leader-lock'

export type Running = { stop: () => Promise<void> }

export type LeadershipOptions = {
  databaseUrl: string
  // how often a follower tries to take the lead, and the leader checks that its connection is alive
  retryMs?: number
  // what the leader runs (the probe service), stopped when the lead is lost or given up
  start: () => Promise<Running>
}

export type Leadership = { isLeader: () => boolean; backendPid: () => number | null; stop: () => Promise<void> }

// Every worker process calls this; exactly one at a time runs `start`: the one whose connection holds
// the leader lock (lib/queries/probes/probe-leader-lock.ts). The others try again every `retryMs`. When
// the leader's process dies, its connection closes and PostgreSQL releases the lock, so a follower
// takes over within `retryMs`. A leader whose connection breaks (a database restart) stops at once:
// its lock went with the session, and another worker may already hold it.
export async function startLeadership(options: LeadershipOptions): Promise<Leadership> {
  const retryMs = options.retryMs ?? 10_000
  let client: pg.Client | null = null
  let pid: number | null = null
  let running: Running | null = null
  let stopped = false
  // one step at a time: a tick, a lost connection and stop() never interleave
  let queue: Promise<void> = Promise.resolve()
  const serial = (step: () => Promise<void>) => (queue = queue.then(step, step))

  const release = async () => {
    const c = client
    const service = running
    client = null
    pid = null
    running = null
    if (service) await service.stop().catch((err: unknown) => logger.error({ err }, 'probe scheduler stop failed'))
    // closing the session releases the lock (stopped first, so two leaders never overlap through us)
    await c?.end().catch(() => undefined)
  }

  const connect = async () => {
    // a check that gets no answer (the network between here and the database gone) fails within 5 s
    const c = new pg.Client({
      connectionString: options.databaseUrl, application_name: 'plimsoll probe leader',
      connectionTimeoutMillis: 5_000, query_timeout: 5_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000,
    })
    c.on('error', (err) => logger.warn({ err }, 'probe leader connection failed'))
    c.on('end', () => void serial(async () => {
      if (client !== c) return
      if (running) logger.warn('probe leader connection closed: this worker stops scheduling probes')
      await release()
    }))
    await c.connect()
    return c
  }

  const tick = async () => {
    if (stopped) return
    try {
      client ??= await connect()
      if (running) {
        await sessionPid(client)
        return
      }
      if (!(await tryProbeLeaderLock(client))) return
      pid = await sessionPid(client)
      running = await options.start()
      logger.info({ pid }, 'this worker leads: it schedules the probes')
    } catch (err) {
      logger.warn({ err }, 'probe leadership step failed; trying again')
      await release()
    }
  }

  await serial(tick)
  const timer = setInterval(() => void serial(tick), retryMs)
  return {
    isLeader: () => running !== null,
    backendPid: () => pid,
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await serial(release)
    },
  }
}
