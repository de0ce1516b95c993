// At most `total` tasks at once, and at most `perKey` of one key (a team) at once. A freed slot goes to the
// waiting key served longest ago (round-robin over the keys that wait), and within a key to its oldest task. So one team's
// hanging targets hold at most `perKey` slots, and every other team's probes find a free slot at once as
// long as fewer than total / perKey teams are saturated; past that, teams take turns.
export function createFairLimiter(total: number, perKey: number) {
  let active = 0
  const activeByKey = new Map<number, number>()
  const waiting = new Map<number, (() => void)[]>()
  // when each key last got a slot (a counter): the longest-unserved waiting key goes next
  const servedAt = new Map<number, number>()
  let tick = 0

  function nextKey(): number | undefined {
    let best: number | undefined
    for (const k of waiting.keys()) {
      if ((activeByKey.get(k) ?? 0) >= perKey) continue
      if (best === undefined || (servedAt.get(k) ?? 0) < (servedAt.get(best) ?? 0)) best = k
    }
    return best
  }

  function pump() {
    while (active < total) {
      const key = nextKey()
      if (key === undefined) return
      const queue = waiting.get(key)!
      const start = queue.shift()!
      if (queue.length === 0) waiting.delete(key)
      servedAt.set(key, ++tick)
      active++
      activeByKey.set(key, (activeByKey.get(key) ?? 0) + 1)
      start()
    }
  }

  return async function limit<T>(key: number, task: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      const queue = waiting.get(key) ?? []
      queue.push(resolve)
      waiting.set(key, queue)
      pump()
    })
    try {
      return await task()
    } finally {
      active--
      const left = (activeByKey.get(key) ?? 1) - 1
      if (left === 0) activeByKey.delete(key)
      else activeByKey.set(key, left)
      pump()
    }
  }
}
