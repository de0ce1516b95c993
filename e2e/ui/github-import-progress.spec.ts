import { expect, test } from '@playwright/test'
import { withClient } from '@/lib/db'
import { insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { finishBackfillProgress, recordBackfillProgress, startBackfillProgress } from '@/lib/queries/github-backfill'
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
