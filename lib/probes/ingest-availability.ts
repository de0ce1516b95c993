import { withTransaction, type Tx } from '@/lib/db'
import { env } from '@/lib/env'
import { loadAllowList } from '@/lib/net/load-allow-list'
import { assertCheckTargetAllowed } from '@/lib/probes/check-target-guard'
import { countTeamRunChecks } from '@/lib/queries/probes/count-team-checks'
import { assertTeam, type Caller } from '@/lib/auth/resolve-caller'
import { AppError } from '@/lib/http/app-error'
import { applyProbeSample } from '@/lib/probes/record-sample'
import { RollupBuffer } from '@/lib/probes/rollup-buffer'
import type { AvailabilityResult, ProbeCheckBody, SloBody } from '@/lib/validation/availability'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { findOrCreateExternalCheck, upsertProbeCheck } from '@/lib/queries/probes/upsert-probe-check'
import { upsertProbeRollups } from '@/lib/queries/probes/upsert-probe-rollups'
import { updateServiceSlo } from '@/lib/queries/probes/update-service-slo'
import { insertIngestLog } from '@/lib/queries/insert-ingest-log'
import type { RawRequest } from '@/lib/ingest/ingest-deployments'
import type { IngestOutcome } from '@/lib/ingest/outcome'

// An external probe result: applied to its check like the scheduler's (state change, outage incident),
// and added to the check's minute, in one transaction. A result not after the check's last one changes nothing.
export async function ingestAvailabilityResult(caller: Caller, body: AvailabilityResult, request: RawRequest) {
  return withTransaction(async (tx) => {
    const service = await findOrCreateService(tx, caller.teamId, { slug: body.service })
    assertTeam(caller, service.teamId, `service "${service.slug}"`)
    const found = await findOrCreateExternalCheck(tx, service.id, body.check)
    if (found.kind !== 'external') {
      throw new AppError('VALIDATION_FAILED', `Check "${body.check}" of ${service.slug} is run by Plimsoll (${found.kind}); post results for another check name.`, [{ path: 'check', message: `is a ${found.kind} check run by Plimsoll` }])
    }
    const applied = await applyProbeSample(tx, found.id, { at: body.at, up: body.up, detail: body.detail ?? (body.up ? null : 'reported down') })
    const stale = !applied || applied.stale
    if (!stale) {
      const minute = new RollupBuffer()
      minute.add(found.id, body.at, body.up, body.latency ?? 0)
      await upsertProbeRollups(minute.take(Infinity), tx)
    }
    const outcome: IngestOutcome = stale ? 'unchanged' : 'created'
    await insertIngestLog(tx, { source: 'api', kind: 'availability', tokenId: caller.tokenId, rawBody: request.raw, outcome, receivedAt: request.receivedAt })
    return {
      outcome,
      result: {
        service: service.slug, check: body.check, state: applied?.state.lastUp === false ? 'down' : 'up',
        // the outage incident this result opened or resolved (external id of source "probe")
        openedIncidentId: applied?.openedIncidentId ?? null, resolvedIncidentId: applied?.resolvedIncidentId ?? null,
      },
    }
  })
}

// POST /api/v1/checks: create or reconfigure a check run by the worker. Its target is judged by the
// outbound-address guard first (outside the transaction: a DNS lookup holds no lock), and a team may have
// at most PLIMSOLL_MAX_CHECKS_PER_TEAM enabled checks (409 beyond).
export async function saveProbeCheck(caller: Caller, body: ProbeCheckBody) {
  await assertCheckTargetAllowed(body, { allowList: await loadAllowList() })
  return withTransaction(async (tx) => {
    const service = await findOrCreateService(tx, caller.teamId, { slug: body.service })
    assertTeam(caller, service.teamId, `service "${service.slug}"`)
    if (body.enabled) await assertUnderCheckCap(tx, service.teamId, service.id, body.name)
    const http = body.kind === 'http' ? body : null
    const tcp = body.kind === 'tcp' ? body : null
    return upsertProbeCheck(tx, service.id, {
      name: body.name, kind: body.kind, method: http?.method ?? 'GET', url: http?.url ?? null, host: tcp?.host ?? null, port: tcp?.port ?? null,
      expectStatusMin: http?.expectStatusMin ?? 200, expectStatusMax: http?.expectStatusMax ?? 399, bodyContains: http?.bodyContains ?? null,
      timeoutMs: body.timeoutMs, intervalSeconds: body.intervalSeconds, failureThreshold: body.failureThreshold, enabled: body.enabled,
    })
  })
}

async function assertUnderCheckCap(tx: Tx, teamId: number, serviceId: number, name: string) {
  const cap = env().PLIMSOLL_MAX_CHECKS_PER_TEAM
  const { count, isOne } = await countTeamRunChecks(tx, teamId, serviceId, name)
  if (!isOne && count >= cap) {
    throw new AppError('CONFLICT', `This team has ${count} enabled checks, the most one team may have (PLIMSOLL_MAX_CHECKS_PER_TEAM=${cap}); disable one first, or send this one with "enabled": false.`)
  }
}

// POST /api/v1/slos: set a service's SLO target and window.
export async function saveServiceSlo(caller: Caller, body: SloBody) {
  return withTransaction(async (tx) => {
    const service = await findOrCreateService(tx, caller.teamId, { slug: body.service })
    assertTeam(caller, service.teamId, `service "${service.slug}"`)
    await updateServiceSlo(tx, service.id, body.target, body.window, body.indicator === 'auto' ? null : body.indicator)
    return { service: service.slug, target: body.target, window: body.window, indicator: body.indicator }
  })
}
