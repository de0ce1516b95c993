// Seeded PRNG (mulberry32): the demo must be byte-for-byte reproducible from (seed, now).

export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Exponential with the given mean (inter-arrival times of a Poisson process). */
  exponential(mean: number): number
  /** Log-normal with the given median; `spread` is sigma of the underlying normal. */
  logNormal(median: number, spread: number): number
  /** Lower-case hex string of `length` characters (shas). */
  hex(length: number): string
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))

export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9
  const nextUint = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = (): number => nextUint() / 4294967296
  const normal = (): number => {
    // Box-Muller; 1 - next() keeps log() away from 0.
    return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick() from an empty list')
      return item
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    logNormal: (median, spread) => median * Math.exp(spread * normal()),
    hex: (length) => {
      // 8 hex digits per draw, most significant first (the same output as toString(16).padStart(8, '0'))
      let out = ''
      while (out.length < length) {
        const u = nextUint()
        out += (HEX_BYTE[u >>> 24] as string) + (HEX_BYTE[(u >>> 16) & 0xff] as string) +
          (HEX_BYTE[(u >>> 8) & 0xff] as string) + (HEX_BYTE[u & 0xff] as string)
      }
      return out.length === length ? out : out.slice(0, length)
    },
  }
}

/** Derives an independent stream per service so services can be generated one at a time. */
export function deriveSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x85ebca6b, 0xc2b2ae35) + Math.imul(index + 1, 0x27d4eb2f)) >>> 0
}
