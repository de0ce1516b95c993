import type { GitHubClient } from '@/lib/github/github-client'
import { insertDelivery, listStoredDeliveryIds } from '@/lib/queries/webhook-deliveries'

type HookDelivery = { id: number; guid: string; delivered_at: string; status_code: number; event: string; action: string | null }
type Hook = { id: number; config?: { url?: string } }
type DeliveryDetail = HookDelivery & { request: { payload: unknown } }

const WEBHOOK_PATH = '/api/webhooks/github'

// A repository's webhook, or an organisation's (an organisation-level connection's hook)
export type HookScope = { owner: string; repo: string } | { org: string }
const hooksOf = (scope: HookScope) => {
  const e = encodeURIComponent
  return 'org' in scope ? `/orgs/${e(scope.org)}/hooks` : `/repos/${e(scope.owner)}/${e(scope.repo)}/hooks`
}

// The webhook that points at Plimsoll (reading hooks needs admin rights on the repository or the
// organisation: without them, or with none pointing here, there is nothing to check).
export async function findPlimsollHook(github: GitHubClient, scope: HookScope): Promise<string | null> {
  try {
    const res = await github.request(`GET ${hooksOf(scope)}`, { per_page: 100 })
    const hook = (res.data as unknown as Hook[]).find((h) => h.config?.url?.replace(/\/+$/, '').endsWith(WEBHOOK_PATH))
    return hook ? String(hook.id) : null
  } catch (err) {
    if ([403, 404].includes((err as { status?: number }).status ?? 0)) return null
    throw err
  }
}

// GitHub does not retry a failed delivery, but keeps a log of them: every delivery of the window whose
// attempts all failed and that Plimsoll never stored is read back from the log (payload included) and
// stored as if it had arrived (its GitHub delivery id makes that idempotent). Importing instead of asking
// GitHub to redeliver also works when GitHub cannot reach this server. Returns the delivery ids stored.
export async function importMissedDeliveries(opts: { github: GitHubClient; connectionId: number; scope: HookScope; hookId: string; since: Date }): Promise<string[]> {
  const { github } = opts
  const deliveries = `${hooksOf(opts.scope)}/${Number(opts.hookId)}/deliveries`
  const attempts = new Map<string, HookDelivery[]>()
  for await (const page of github.paginate.iterator(`GET ${deliveries}`, { per_page: 100 })) {
    const rows = page.data as unknown as HookDelivery[]
    for (const d of rows.filter((r) => new Date(r.delivered_at) >= opts.since)) attempts.set(d.guid, [...(attempts.get(d.guid) ?? []), d])
    if (rows.some((r) => new Date(r.delivered_at) < opts.since)) break
  }
  const failed = [...attempts].filter(([, tries]) => tries.every((t) => t.status_code < 200 || t.status_code >= 300))
  const stored = await listStoredDeliveryIds(failed.map(([guid]) => guid))
  const imported: string[] = []
  for (const [guid, tries] of failed) {
    if (stored.has(guid)) continue
    const res = await github.request(`GET ${deliveries}/${tries[0]!.id}`)
    const detail = res.data as unknown as DeliveryDetail
    const id = await insertDelivery({ deliveryId: guid, connectionId: opts.connectionId, event: detail.event, action: detail.action ?? null, rawBody: JSON.stringify(detail.request.payload) })
    if (id) imported.push(guid)
  }
  return imported
}
