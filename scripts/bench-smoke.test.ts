import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { figureProblems } from '../bench/shared/figures'
import { SMOKES } from './bench-smoke'

describe('figureProblems', () => {
  const line = (figures: unknown, bench = 'ingest') => `some table\nbench figures: ${JSON.stringify({ bench, figures })}\nload average 1.0\n`
  it('accepts every expected figure present and finite', () => {
    expect(figureProblems(line({ a: 1.5, b: 0, extra: 'x' }), 'ingest', ['a', 'b'])).toEqual([])
  })
  it('names a missing figure, a non-number and a non-finite one', () => {
    // JSON turns NaN and Infinity into null
    expect(figureProblems(line({ a: null, b: '12' }), 'ingest', ['a', 'b', 'c'])).toEqual([
      'ingest: figure a is null, not a finite number',
      'ingest: figure b is "12", not a finite number',
      'ingest: figure c missing',
    ])
  })
  it('fails a bench that printed no figures, or only another bench\'s', () => {
    expect(figureProblems('p95 120 ms\n', 'ui', ['p95'])).toEqual(['ui printed no figures'])
    expect(figureProblems(line({ p95: 1 }, 'metrics'), 'ui', ['p95'])).toEqual(['ui printed no figures'])
    expect(figureProblems('bench figures: {"bench":"ui",', 'ui', ['p95'])[0]).toMatch(/not JSON/)
  })
})

it('every bench under bench/ has a smoke form in npm test (reliability runs --short as a step of its own)', () => {
  const benches = fs.readdirSync('bench', { withFileTypes: true }).filter((d) => d.isDirectory() && !['shared', 'reliability'].includes(d.name)).map((d) => d.name)
  expect(SMOKES.map((s) => s.bench).sort()).toEqual(benches.sort())
  for (const s of SMOKES) expect(s.figures.length, s.bench).toBeGreaterThan(0)
  expect(fs.readFileSync('scripts/test.ts', 'utf8')).toContain("'scripts/bench-smoke.ts'")
})
