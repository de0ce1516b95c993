import { withTransaction } from '@/lib/db'
import { readTeam, writerForService } from '@/lib/auth/team-for'
import { assertTeam } from '@/lib/auth/resolve-caller'
import type { Principal } from '@/lib/auth/principal'
import { resolveSloIndicator } from '@/lib/metrics/slo'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { listStoredSlos, saveSloSpec } from '@/lib/queries/slos/slo-specs'
import { parseSloDocument } from '@/lib/slo-as-code/parse-slo-document'
import { toOpenSlo } from '@/lib/slo-as-code/to-openslo'

// POST /api/v1/slos/import: an OpenSLO, Sloth or Pyrra document sets its service's SLO (target, window,
// indicator, and the PromQL it was declared with), as POST /api/v1/slos would, for the same writers.
export async function importSloDocument(p: Principal, doc: unknown, teamSlug?: string) {
  const specs = parseSloDocument(doc)
  const saved = []
  for (const spec of specs) {
    const caller = await writerForService(p, spec.service, teamSlug)
    await withTransaction(async (tx) => {
      const service = await findOrCreateService(tx, caller.teamId, { slug: spec.service })
      assertTeam(caller, service.teamId, `service "${service.slug}"`)
      await saveSloSpec(tx, service.id, spec)
    })
    saved.push(spec)
  }
  return saved
}

// GET /api/v1/slos/export: the team's SLOs (or one service's) as OpenSLO v1 documents.
export async function exportOpenSlo(p: Principal, q: { team?: string; service?: string }) {
  const team = await readTeam(p, q.team)
  const slos = await listStoredSlos(team.id, q.service)
  return slos.map(({ hasRequests, ...s }) => toOpenSlo({ ...s, indicator: resolveSloIndicator(s.indicator, hasRequests) }))
}
