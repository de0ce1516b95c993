import { describe, expect, it } from 'vitest'
import { summarizeErrata } from '@/lib/compliance/errata-latency'

const e = (severity: string, fixAvailableAt: string, remediatedAt: string | null) =>
  ({ vulnerabilityId: 'CVE-1', packageName: 'p', severity, fixAvailableAt: new Date(fixAvailableAt), remediatedAt: remediatedAt ? new Date(remediatedAt) : null })

describe('errata latency', () => {
  const now = new Date('2026-05-01T00:00:00Z')
  it('median and p90 per severity, in seconds; open critical and high over 7 and 30 days', () => {
    const s = summarizeErrata([
      e('high', '2026-04-01T00:00:00Z', '2026-04-01T00:00:10Z'),
      e('high', '2026-04-01T00:00:00Z', '2026-04-01T00:00:30Z'),
      e('critical', '2026-03-20T00:00:00Z', null), // 42 days open
      e('high', '2026-04-20T00:00:00Z', null), // 11 days open
      e('critical', '2026-04-28T00:00:00Z', null), // 3 days open
      e('medium', '2026-01-01T00:00:00Z', null), // not critical or high
    ], now)
    expect(s.bySeverity).toEqual([
      { severity: 'critical', remediated: 0, medianSeconds: null, p90Seconds: null },
      { severity: 'high', remediated: 2, medianSeconds: 20, p90Seconds: 28 },
      { severity: 'medium', remediated: 0, medianSeconds: null, p90Seconds: null },
    ])
    expect(s.openCriticalHigh).toEqual({ over7Days: 2, over30Days: 1 })
  })

  it('nothing fixable is no data', () => {
    expect(summarizeErrata([], now)).toEqual({ bySeverity: [], openCriticalHigh: { over7Days: 0, over30Days: 0 } })
  })
})
