import { expect, test } from '@playwright/test'
import { withClient } from '@/lib/db'
import { insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { finishBackfillProgress, recordBackfillProgress, recordOrganisationReconciliation, recordReconciliation, startBackfillProgress } from '@/lib/queries/github-backfill'
import { insertDelivery } from '@/lib/queries/webhook-deliveries'
import { unique } from '../support/api'

// An import's progress as the command persists it (lib/github/backfill.ts) shows on /settings as a
// progress bar that moves without a reload, and says when the import finished.
test('settings show a running GitHub import\'s progress, rate and quota, refreshed until it finishes', async ({ page }) => {
  const url = process.env.DATABASE_URL!
  const fullName = `acme/${unique('progress')}`
  const connectionId = await withClient(url, async (client) => {
    const { rows: [team] } = await client.query<{ id: number }>('SELECT id FROM team WHERE slug = $1', [process.env.E2E_TEAM])
    const id = await insertGithubConnection(client, { teamId: team!.id, name: unique('e2e-import'), webhookSecretEnc: 'v1:a:b:' })
    const { rows: [service] } = await client.query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [team!.id, unique('imported')])
    await mapGithubRepository(client, { connectionId: id, fullName, serviceId: service!.id })
    await startBackfillProgress(id, fullName, 40, client)
    await recordBackfillProgress(id, fullName, { done: 10, total: 40, rate: 2.5, rateRemaining: 4321 }, client)
    return id
  })
  await page.goto('/settings')
  const item = page.getByTestId('github-imports').locator(`li[data-repository="${fullName}"]`)
  await expect(item).toContainText('10 / 40 items')
  await expect(item).toContainText('2.5/s')
  await expect(item).toContainText('API quota left 4,321')
  await expect(item.getByTestId('import-state')).toContainText('running')
  await expect(item.getByRole('progressbar')).toHaveAttribute('value', '10')

  await withClient(url, (client) => recordBackfillProgress(connectionId, fullName, { done: 30, total: 40, rate: 3, rateRemaining: 4300 }, client))
  await expect(item).toContainText('30 / 40 items', { timeout: 10_000 })
  await expect(item.getByRole('progressbar')).toHaveAttribute('value', '30')
  await withClient(url, async (client) => {
    await recordBackfillProgress(connectionId, fullName, { done: 40, total: 40, rate: 3, rateRemaining: 4290 }, client)
    await finishBackfillProgress(connectionId, fullName, client)
  })
  await expect(item.getByTestId('import-state')).toContainText('finished', { timeout: 10_000 })
  await expect(item).toContainText('40 / 40 items')
})

// An organisation connection shows like a repository's: what it covers (its organisation, its GitHub
// Enterprise Server), when the organisation hook was last read, and per repository of the organisation
// its last sync, its gaps (the hook's missed delivery counted for its repository) and its import's
// progress. What is sealed (webhook secret, token, App key) appears nowhere on the page or in the API.
test('settings show an organisation connection with its repositories\' sync state and import progress, and none of its secrets', async ({ page }) => {
  const url = process.env.DATABASE_URL!
  const org = unique('org')
  const name = unique('e2e-org')
  const sealed = [unique('v1:sealed-secret'), unique('v1:sealed-token'), unique('v1:sealed-key')]
  const [api, web] = [`${org}/api`, `${org}/web`]
  await withClient(url, async (client) => {
    const { rows: [team] } = await client.query<{ id: number }>('SELECT id FROM team WHERE slug = $1', [process.env.E2E_TEAM])
    const id = await insertGithubConnection(client, {
      teamId: team!.id, name, webhookSecretEnc: sealed[0]!, apiTokenEnc: sealed[1]!, app: { appId: 11, installationId: 12, privateKeyEnc: sealed[2]! },
      baseUrl: 'https://github.example.com/api/v3', organisation: org,
    })
    for (const fullName of [api, web]) {
      const { rows: [service] } = await client.query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [team!.id, unique('org-svc')])
      await mapGithubRepository(client, { connectionId: id, fullName, serviceId: service!.id })
    }
    await recordReconciliation(id, api, 2, null, client)
    const missed = unique('missed')
    await insertDelivery({ deliveryId: missed, connectionId: id, event: 'deployment_status', action: 'created', rawBody: JSON.stringify({ repository: { full_name: api } }) }, client)
    await recordOrganisationReconciliation(id, [missed], client)
    await startBackfillProgress(id, web, 20, client)
    await recordBackfillProgress(id, web, { done: 5, total: 20, rate: 1.5, rateRemaining: 4999 }, client)
  })
  await page.goto('/settings')
  const connection = page.getByTestId('settings-github').locator(`section[data-connection="${name}"]`)
  const summary = connection.getByTestId('github-connection-summary')
  await expect(summary).toContainText(`Organisation ${org}: 2 repositories mapped`)
  await expect(summary).toContainText('GitHub Enterprise Server: https://github.example.com/api/v3')
  await expect(summary).toContainText('reconciled hourly with a GitHub App installation')
  await expect(summary).toContainText(/organisation hook last read \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC; 3 gaps found in all/)
  await expect(summary).toContainText('1 webhook delivery')
  const row = (fullName: string) => connection.getByRole('row', { name: new RegExp(fullName) })
  await expect(row(api).getByRole('cell').nth(4)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/)
  await expect(row(api).getByRole('cell').nth(5)).toHaveText('3')
  await expect(row(web).getByRole('cell').nth(4)).toHaveText('not yet')
  const item = connection.getByTestId('github-imports').locator(`li[data-repository="${web}"]`)
  await expect(item).toContainText('5 / 20 items')
  await expect(item).toContainText('1.5/s')
  await expect(item).toContainText('API quota left 4,999')
  await expect(item.getByRole('progressbar')).toHaveAttribute('value', '5')

  const html = await page.content()
  const imports = await (await page.request.get('/api/dashboard/github-imports')).text()
  for (const value of sealed) {
    expect(html).not.toContain(value)
    expect(imports).not.toContain(value)
  }
})
