import { buffer } from 'node:stream/consumers'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvStringifier, neutraliseCsvCell } from '@/lib/format/csv'

describe('neutraliseCsvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+1+cmd|/C calc!A0', `'+1+cmd|/C calc!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(1)', `'@SUM(1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('prefixes %j', (cell, expected) => {
    expect(neutraliseCsvCell(cell)).toBe(expected)
  })

  it.each(['', 'Mozilla/5.0', 'a=b', 'team-core', ' =1', '{"a":-1}', '2026-01-01T00:00:00.000Z'])('leaves %j alone', (cell) => {
    expect(neutraliseCsvCell(cell)).toBe(cell)
  })
})

describe('csvStringifier', () => {
  it('neutralises strings, keeps numbers (negatives too) and empty cells as they are', async () => {
    const rows = [{ who: '=cmd()', n: -12.5, m: null, big: 1e21 }, { who: '@x', n: 0, m: 3, big: -1 }]
    const csv = (await buffer(Readable.from(rows).pipe(csvStringifier({ header: true, columns: ['who', 'n', 'm', 'big'] })))).toString('utf8')
    expect(parse(csv, { columns: true })).toEqual([
      { who: `'=cmd()`, n: '-12.5', m: '', big: '1e+21' },
      { who: `'@x`, n: '0', m: '3', big: '-1' },
    ])
  })
})
