import type { BurnAlertEvent } from '@/lib/alerts/evaluate-burn-alerts'
import { plimsollUrl } from '@/lib/alerts/plimsoll-url'
import { BURN_RULES } from '@/lib/metrics/burn-rate'
import type { NotificationInput } from '@/lib/validation/notifications'

const windows: Record<string, string> = { page_1h: '1 h and 5 min', page_6h: '6 h and 30 min', ticket_3d: '3 d and 6 h' }
const rate = (x: number) => `${x >= 100 ? x.toFixed(0) : x.toFixed(1)}x`

// An SLO burn-rate alert's message (docs/notifications.md, "Alerts"): one key per opening and per resolution.
export function burnAlertNotice(e: BurnAlertEvent & { sloTarget: number; team: string }): NotificationInput {
  const rule = BURN_RULES.find((r) => r.rule === e.rule)!
  const opened = e.change === 'opened'
  const fields = [
    { label: 'Service', value: e.service },
    { label: 'SLO', value: `${e.sloTarget} %` },
    { label: 'Rule', value: `${e.severity}: above ${rule.factor}x over ${windows[e.rule]}` },
    ...(e.burnRates ? [{ label: 'Burn rate', value: `${rate(e.burnRates.long)} (long), ${rate(e.burnRates.short)} (short)` }] : []),
    { label: opened ? 'Opened' : 'Resolved', value: e.at.toISOString() },
  ]
  return {
    teamId: e.teamId,
    kind: 'burn_rate',
    key: `burn-rate:${e.alertId}:${e.change}`,
    title: opened ? `${e.service} burns its error budget above ${rule.factor}x (${e.severity})` : `${e.service}: the ${rule.factor}x burn-rate alert resolved`,
    summary: opened
      ? `The error ratio over both the ${windows[e.rule]} windows is above ${rule.factor} times what the ${e.sloTarget} % SLO allows.`
      : `The burn rate over the ${windows[e.rule]} windows is no longer above ${rule.factor}x.`,
    severity: opened ? (e.severity === 'page' ? 'critical' : 'warning') : 'info',
    fields,
    links: [{ label: 'Availability', url: plimsollUrl(`/availability?team=${encodeURIComponent(e.team)}`) }],
  }
}
