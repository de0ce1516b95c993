import { describe, expect, it } from 'vitest'
import { createRandom, deriveSeed } from './random'

const draw = (seed: number) => {
  const rng = createRandom(seed)
  return Array.from({ length: 50 }, () => rng.next())
}

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draw(7)).toEqual(draw(7))
  })

  it.each([[1, 2], [0, 1], [42, 43]])('differs between seeds %i and %i', (a, b) => {
    expect(draw(a)).not.toEqual(draw(b))
  })

  it.each([
    ['next', (r: ReturnType<typeof createRandom>) => r.next(), 0, 1],
    ['int(3, 5)', (r: ReturnType<typeof createRandom>) => r.int(3, 5), 3, 5],
    ['exponential(2)', (r: ReturnType<typeof createRandom>) => r.exponential(2), 0, Infinity],
  ])('%s stays in range', (_name, fn, min, max) => {
    const rng = createRandom(3)
    for (let i = 0; i < 2000; i++) {
      const v = fn(rng)
      expect(v).toBeGreaterThanOrEqual(min)
      expect(v).toBeLessThanOrEqual(max)
    }
  })

  it('produces lower-case hex of the requested length', () => {
    const sha = createRandom(9).hex(40)
    expect(sha).toMatch(/^[0-9a-f]{40}$/)
  })

  it('gives log-normal draws the requested median', () => {
    const rng = createRandom(11)
    const xs = Array.from({ length: 4001 }, () => rng.logNormal(10, 0.8)).sort((a, b) => a - b)
    expect(xs[2000]).toBeGreaterThan(9)
    expect(xs[2000]).toBeLessThan(11)
  })

  it('derives distinct per-service seeds', () => {
    const seeds = new Set(Array.from({ length: 10 }, (_, i) => deriveSeed(42, i)))
    expect(seeds.size).toBe(10)
  })
})
