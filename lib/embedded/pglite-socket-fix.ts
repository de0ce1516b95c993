// Workaround for @electric-sql/pglite-socket 0.2.17 (delete when an upgrade fixes it).
// Its queue runs each wire-protocol message on its own and keeps one connection's messages together
// only inside a transaction. Outside one, the Parse/Bind/Execute/Sync of two pooled connections
// interleave on PGlite's single backend, which then binds one client's parameters to the other's
// statement ("bind message supplies 2 parameters, but prepared statement "" requires 1"). It also
// stops processing for good after a thrown error. This keeps a connection's extended-query messages
// together until its Sync, and always releases the queue.

type QueuedMessage = { handlerId: number; message: Uint8Array; resolve: (n: number) => void; reject: (e: unknown) => void; onData: (d: Uint8Array) => void }
type Db = {
  isInTransaction(): boolean
  runExclusive<T>(fn: () => Promise<T>): Promise<T>
  execProtocolRawStream(m: Uint8Array, o: { onRawData: (d: Uint8Array) => void }): Promise<unknown>
}
type QueryQueue = {
  queue: QueuedMessage[]
  processing: boolean
  lastHandlerId: number | null
  db: Db
  midExtendedQuery?: boolean
  processQueue(): Promise<void>
  clearTransactionIfNeeded(handlerId: number): Promise<void>
}

// Parse, Bind, Describe, Execute, Close, Flush: more of the same exchange follows, up to Sync.
const extendedQueryParts = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)))

async function processQueue(this: QueryQueue): Promise<void> {
  if (this.processing || this.queue.length === 0) return
  this.processing = true
  try {
    while (this.queue.length > 0) {
      const pinned = this.lastHandlerId !== null && (this.midExtendedQuery || this.db.isInTransaction())
      const index = pinned ? this.queue.findIndex((q) => q.handlerId === this.lastHandlerId) : 0
      if (index === -1) break // wait for the pinned connection's next message
      const [item] = this.queue.splice(index, 1)
      if (!item) break
      let bytes = 0
      try {
        await this.db.runExclusive(() =>
          this.db.execProtocolRawStream(item.message, {
            onRawData: (data) => {
              bytes += data.length
              item.onData(data)
            },
          }),
        )
      } catch (err) {
        item.reject(err)
        continue
      }
      this.lastHandlerId = item.handlerId
      this.midExtendedQuery = extendedQueryParts.has(item.message[0] ?? 0)
      item.resolve(bytes)
    }
  } finally {
    this.processing = false
  }
}

export function fixPgliteSocketQueue(server: object): void {
  const queue = (server as { queryQueue?: QueryQueue }).queryQueue
  if (!queue) throw new Error('pglite-socket internals changed: no queryQueue; re-check lib/embedded/pglite-socket-fix.ts')
  queue.processQueue = processQueue.bind(queue)
  const clear = queue.clearTransactionIfNeeded.bind(queue)
  queue.clearTransactionIfNeeded = async (handlerId: number) => {
    // a connection that vanished mid-exchange must not keep the queue pinned
    if (queue.lastHandlerId === handlerId) queue.midExtendedQuery = false
    await clear(handlerId)
    await queue.processQueue()
  }
}
