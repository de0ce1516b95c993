import { burnAlertNotice } from '@/lib/alerts/burn-alert-notice'
import { enqueueNotification } from '@/lib/notify/enqueue'
import { withTransaction, type Tx } from '@/lib/db'
import { alertTransitions, holdingRules, MINUTE_MS, type HoldingRule, type WindowSums } from '@/lib/metrics/burn-rate'
import { loadBurnInputs } from '@/lib/alerts/burn-inputs'
import { listOpenSloAlerts, openSloAlert, resolveSloAlert } from '@/lib/queries/alerts/slo-alerts'

export type BurnAlertEvent = {
  change: 'opened' | 'resolved'
  alertId: number
  serviceId: number
  teamId: number
  team: string
  service: string
  sloTarget: number
  rule: HoldingRule['rule']
  severity: HoldingRule['severity']
  at: Date
  // when it opened: the burn rates over the rule's long and short windows
  burnRates?: { long: number; short: number }
}

// Evaluates the SRE workbook's burn-rate rules for every service with probe samples or request windows, at
// the minute `now` falls in, over the whole minutes before it: opens an alert for each rule that holds,
// resolves each open one that no longer holds, and sends each change to the team's channels
// (docs/notifications.md). One evaluation at a time (a transaction-scoped lock), and the table's unique
// keys make a rerun of the same minute, or a restarted worker, change nothing.
export async function evaluateBurnAlerts(now: Date, opts: { serviceIds?: number[]; tx?: Tx } = {}): Promise<BurnAlertEvent[]> {
  const at = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS)
  const run = async (tx: Tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('plimsoll.slo-burn-alerts'))`)
    const ids = opts.serviceIds ?? null
    const inputs = await loadBurnInputs(tx, at, ids)
    const open = await listOpenSloAlerts(tx, ids)
    // a service whose events stopped still has its open alerts resolved: no data holds no rule
    const services = new Map<number, { teamId: number; team: string; service: string; sloTarget: number; sums: WindowSums | null }>(inputs)
    for (const a of open) if (!services.has(a.serviceId)) services.set(a.serviceId, { ...a, sums: null })

    const events: BurnAlertEvent[] = []
    for (const [serviceId, s] of services) {
      const holding = s.sums ? holdingRules(s.sums, s.sloTarget) : []
      const mine = open.filter((a) => a.serviceId === serviceId)
      const { toOpen, toResolve } = alertTransitions(mine.map((a) => a.rule), holding.map((h) => h.rule))
      const base = { serviceId, teamId: s.teamId, team: s.team, service: s.service, sloTarget: s.sloTarget, at }
      for (const h of holding.filter((x) => toOpen.includes(x.rule))) {
        const alertId = await openSloAlert(tx, { serviceId, sloTarget: s.sloTarget, at, ...h })
        if (alertId !== null) events.push({ ...base, change: 'opened', alertId, rule: h.rule, severity: h.severity, burnRates: { long: h.longBurnRate, short: h.shortBurnRate } })
      }
      for (const a of mine.filter((x) => toResolve.includes(x.rule))) {
        if (await resolveSloAlert(tx, a.id, at)) events.push({ ...base, change: 'resolved', alertId: a.id, rule: a.rule, severity: a.severity })
      }
    }
    // sent only if this evaluation commits; each opening and resolution has its own key, so never twice
    for (const e of events) await enqueueNotification(tx, burnAlertNotice(e))
    return events
  }
  return opts.tx ? run(opts.tx) : withTransaction(run)
}
