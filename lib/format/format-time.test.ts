import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from '@/lib/format/format-time'

describe('times in the view zone', () => {
  it.each([
    ['UTC', '2026-03-29 00:30'],
    ['Europe/Berlin', '2026-03-29 01:30'],
    ['America/New_York', '2026-03-28 20:30'],
    ['Asia/Kolkata', '2026-03-29 06:00'],
  ])('%s', (tz, out) => expect(formatDateTime(new Date('2026-03-29T00:30:00Z'), tz)).toBe(out))
  it('after the DST change', () => expect(formatDateTime(new Date('2026-03-29T01:30:05Z'), 'Europe/Berlin', true)).toBe('2026-03-29 03:30:05'))
  it('no time', () => expect(formatDateTime(null, 'UTC')).toBe('—'))
  it('the last day of a window ending at local midnight', () => expect(formatDate(new Date(Date.parse('2026-05-15T22:00:00Z') - 1), 'Europe/Berlin')).toBe('2026-05-15'))
})
