import { logger } from '@/lib/logger'
import { insertDeliveries, insertDelivery, type NewDelivery } from '@/lib/queries/webhook-deliveries'

// Group commit for webhook deliveries: deliveries that arrive while earlier inserts are running are
// stored together, one INSERT (and one commit) per batch, so a burst costs the database a few statements
// instead of one per delivery. Each caller still gets its answer only once its row is committed.
const MAX_IN_FLIGHT = 4
const MAX_BATCH_ROWS = 500
const MAX_BATCH_BYTES = 8 * 1024 * 1024

type Waiting = { d: NewDelivery; resolve: (stored: boolean) => void; reject: (err: unknown) => void }

let queue: Waiting[] = []
let inFlight = 0
let scheduled = false

// true: stored now; false: a delivery with this id was stored before (a redelivery changes nothing)
export function storeDelivery(d: NewDelivery): Promise<boolean> {
  return new Promise((resolve, reject) => {
    queue.push({ d, resolve, reject })
    schedule()
  })
}

function schedule() {
  if (scheduled || inFlight >= MAX_IN_FLIGHT || queue.length === 0) return
  scheduled = true
  // let the deliveries of this turn of the event loop join the batch
  setImmediate(() => {
    scheduled = false
    while (inFlight < MAX_IN_FLIGHT && queue.length > 0) void flush(takeBatch())
  })
}

function takeBatch(): Waiting[] {
  let bytes = 0
  let n = 0
  while (n < queue.length && n < MAX_BATCH_ROWS && (n === 0 || bytes + queue[n]!.d.rawBody.length <= MAX_BATCH_BYTES)) bytes += queue[n++]!.d.rawBody.length
  const batch = queue.slice(0, n)
  queue = queue.slice(n)
  return batch
}

async function flush(batch: Waiting[]) {
  inFlight++
  try {
    await storeBatch(batch)
  } finally {
    inFlight--
    schedule()
  }
}

async function storeBatch(batch: Waiting[]) {
  // the same delivery twice in one batch: the first is inserted, the others are redeliveries of it
  const groups = new Map<string, Waiting[]>()
  for (const w of batch) groups.set(w.d.deliveryId, [...(groups.get(w.d.deliveryId) ?? []), w])
  const answer = (group: Waiting[], stored: boolean) => group.forEach((w, i) => w.resolve(stored && i === 0))
  try {
    const stored = await insertDeliveries([...groups.values()].map((g) => g[0]!.d))
    for (const [id, group] of groups) answer(group, stored.has(id))
  } catch (err) {
    if (groups.size === 1 || !rowError(err)) return batch.forEach((w) => w.reject(err))
    // one bad row must not fail the others: store them one by one, so only its own requests fail
    logger.warn({ err, deliveries: groups.size }, 'batched delivery insert failed; storing the batch row by row')
    await Promise.all([...groups.values()].map((group) => insertDelivery(group[0]!.d).then(
      (id) => answer(group, id !== null),
      (e) => group.forEach((w) => w.reject(e)),
    )))
  }
}

// What one row can cause (SQLSTATE classes 22 data exception, 23 integrity, 54 program limit): worth
// retrying the others alone. A database that is down or timing out is not: every request fails at once
// (503), instead of once more per row after the first wait.
function rowError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code
  return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code)
}
