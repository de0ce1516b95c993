import { withTransaction, type Tx } from '@/lib/db'
import { applySample, type ProbeState, type Sample } from '@/lib/probes/probe-state'
import { insertStateChange, lockProbeCheck, resolveProbeIncident, saveProbeState } from '@/lib/queries/probes/probe-check-state'
import { noticeIncidentChange } from '@/lib/notify/incident-notices'
import { writeIncident } from '@/lib/queries/upsert-incident-row'

export type RecordOutcome = { state: ProbeState; changed: boolean; stale: boolean; openedIncidentId: number | null; resolvedIncidentId: number | null }

// Applies one sample to a check in a transaction: its state change, and the outage incident it opens
// (after the check's failure threshold, from the first failing sample) or resolves (at the first passing one),
// told to the team's notification channels.
export async function recordProbeSample(checkId: number, sample: Sample): Promise<RecordOutcome | null> {
  return withTransaction((tx) => applyProbeSample(tx, checkId, sample))
}

export async function applyProbeSample(tx: Tx, checkId: number, sample: Sample): Promise<RecordOutcome | null> {
  const check = await lockProbeCheck(tx, checkId)
  if (!check) return null
  const effect = applySample(check, sample, check.failureThreshold)
  if (effect.stale) return { state: check, changed: false, stale: true, openedIncidentId: null, resolvedIncidentId: null }
  if (effect.stateChange) await insertStateChange(tx, checkId, effect.stateChange)
  let state = effect.state
  let openedIncidentId: number | null = null
  if (effect.openIncident) {
    const { openedAt } = effect.openIncident
    const written = await writeIncident(tx, { serviceId: check.serviceId, source: 'probe', externalId: `check-${checkId}-${openedAt.toISOString()}` }, {
      environmentId: null, title: `${check.name} failing: ${sample.detail ?? 'down'}`, severity: null, openedAt, resolvedAt: null,
      isOutage: true, url: null, causeDeploymentId: null, causeLinkMethod: null, fixDeploymentId: null, notCausedByChange: false,
    })
    openedIncidentId = written.id
    if (written.created) await noticeIncidentChange(tx, written.id, null)
    state = { ...state, openIncidentId: written.id }
  }
  if (effect.resolveIncident && (await resolveProbeIncident(tx, effect.resolveIncident.incidentId, effect.resolveIncident.resolvedAt))) {
    await noticeIncidentChange(tx, effect.resolveIncident.incidentId, { resolvedAt: null })
  }
  await saveProbeState(tx, checkId, state)
  return { state, changed: effect.stateChange !== null, stale: false, openedIncidentId, resolvedIncidentId: effect.resolveIncident?.incidentId ?? null }
}
