import { describe, expect, it } from 'vitest'
import { problemScore, worstFirst } from '@/lib/metrics/worst-first'

describe('problemScore', () => {
  it.each([
    { levels: [], score: null },
    { levels: [null, null], score: null },
    { levels: ['elite', 'elite'], score: 0 },
    { levels: ['low', null, 'elite'], score: 1.5 },
    { levels: ['high', 'medium', 'low', 'low'], score: 2.25 },
  ] as const)('$levels -> $score', ({ levels, score }) => {
    expect(problemScore([...levels])).toBe(score)
  })
})

describe('worstFirst', () => {
  it('puts the worst mean level first, rows without a level last, ties by name', () => {
    const rows = [
      { name: 'alpha', levels: ['elite', 'elite'] as const },
      { name: 'bravo', levels: [null, null] as const },
      { name: 'charlie', levels: ['low', 'medium'] as const },
      { name: 'delta', levels: ['high', null] as const },
      { name: 'echo', levels: ['medium', 'low'] as const },
    ].map((r) => ({ ...r, levels: [...r.levels] }))
    expect(worstFirst(rows).map((r) => r.name)).toEqual(['charlie', 'echo', 'delta', 'alpha', 'bravo'])
  })
})
