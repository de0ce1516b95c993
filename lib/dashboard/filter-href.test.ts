import { describe, expect, it } from 'vitest'
import { filterHref } from '@/lib/dashboard/filter-href'

const defaults = { range: '30d', granularity: 'week', tz: 'Europe/Berlin', benchmark: 'dora-2023', annotations: 'on' }
const base = { team: '', service: '', environment: '', range: '30d', from: '', to: '', granularity: 'week', tz: 'Europe/Berlin', benchmark: 'dora-2023', annotations: 'on' }

describe('filterHref: only non-default parameters', () => {
  it.each([
    ['nothing chosen', {}, 'team', '/'],
    ['a team', { team: 'core' }, 'team', '/?team=core'],
    ['another range drops the chosen bucket size', { range: '90d', granularity: 'day' }, 'range', '/?range=90d'],
    ['a bucket size other than the range default', { granularity: 'day' }, 'granularity', '/?granularity=day'],
    ['the browser zone is the default', { tz: 'Europe/Berlin' }, 'tz', '/'],
    ['another zone', { tz: 'Asia/Tokyo' }, 'tz', '/?tz=Asia%2FTokyo'],
    ['a rolling 28-day figure', { granularity: 'rolling-28' }, 'granularity', '/?rolling=28'],
    ['a date makes the range custom', { from: '2026-01-01', to: '2026-01-31' }, 'from', '/?range=custom&from=2026-01-01&to=2026-01-31'],
    ['dates are dropped with a preset range', { range: '7d', from: '2026-01-01', to: '2026-01-31' }, 'range', '/?range=7d'],
    ['markers off', { annotations: 'off' }, 'annotations', '/?annotations=off'],
    ['another benchmark set', { benchmark: 'dora-2024' }, 'benchmark', '/?benchmark=dora-2024'],
  ])('%s', (_, change, field, href) => {
    expect(filterHref('/', { ...base, ...change }, field, defaults)).toBe(href)
  })

  it('keeps the page path', () => {
    expect(filterHref('/metrics/leadTime', { ...base, service: 'api' }, 'service', defaults)).toBe('/metrics/leadTime?service=api')
  })
})
