import { describe, expect, it } from 'vitest'
import { RollupBuffer } from '@/lib/probes/rollup-buffer'

const base = Date.UTC(2026, 4, 1, 10)
const at = (s: number) => new Date(base + s * 1000)

describe('RollupBuffer', () => {
  it('counts samples per minute into the hour row, and keeps unfinished minutes', () => {
    const b = new RollupBuffer()
    for (let s = 0; s < 60; s += 10) b.add(1, at(s), s !== 30, 10 + s)
    b.add(1, at(125), false, 5000)
    b.add(2, at(3599), true, 7)
    b.add(1, at(3600), true, 1)
    const rows = b.take(base + 130_000)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.hour).toEqual(new Date(base))
    expect(rows[0]!.ok.slice(0, 3)).toEqual([5, 0, 0])
    expect(rows[0]!.fail.slice(0, 3)).toEqual([1, 0, 0])
    expect(rows[0]!.latencyMs[0]).toBe(35)
    const rest = b.take(Infinity)
    expect(rest.map((r) => [r.checkId, r.hour.getTime() - base, r.fail[2] ?? 0, r.ok[59], r.ok[0]])).toEqual([[1, 0, 1, 0, 0], [2, 0, 0, 1, 0], [1, 3_600_000, 0, 0, 1]])
    expect(b.take(Infinity)).toEqual([])
  })
})
