import { expect, test } from '@playwright/test'
import { unique } from '../support/api'
import { startWorker } from '@/lib/jobs/worker'
import { notifyDeliverJob, notifyPump } from '@/lib/notify/notify-jobs'
import { startNotificationSink } from '@/lib/testing/notification-sink'

// A maintainer's path in Settings: an internal address is refused, a signed webhook channel is created (its secret
// shown once), "Send a test" goes through the job queue (a worker started here, as `npm run worker` would run) to a
// local receiver that checks the signature with that secret, and the channel's delivery log shows the send.
// The receiver listens on 127.0.0.1 (E2E_PORT + 20), which an admin allow-lists for the test and removes after.
test('create a webhook channel, send a test, see it in the delivery log', async ({ page, baseURL }) => {
  test.setTimeout(180_000)
  const sinkPort = Number(process.env.E2E_PORT ?? 3100) + 20
  let signingSecret = ''
  const sink = await startNotificationSink({ port: sinkPort, get signingSecret() { return signingSecret } })
  const worker = await startWorker(process.env.DATABASE_URL!, [notifyDeliverJob({ retryDelaySeconds: 1 })], [notifyPump])
  const headers = { origin: baseURL! }
  const allowed = await page.request.post('/api/settings/outbound-allow', { headers, data: { entry: '127.0.0.1', note: 'notification e2e' } })
  const allowId = allowed.ok() ? (await allowed.json()).data.id : null
  try {
    await page.goto('/settings#notification-channels')
    const form = page.getByRole('form', { name: 'Add a notification channel' })
    await form.getByLabel('Tool').selectOption('webhook')
    await form.getByLabel('Name').fill(unique('private'))
    await form.getByLabel('Webhook URL').fill('https://10.0.0.1/hook')
    await form.getByRole('button', { name: 'Add channel' }).click()
    await expect(form).toContainText('is a private address', { timeout: 30_000 })

    const name = unique('hook')
    await form.getByLabel('Name').fill(name)
    await form.getByLabel('Webhook URL').fill(`http://127.0.0.1:${sinkPort}/generic`)
    await form.getByRole('button', { name: 'Add channel' }).click()
    const secret = page.getByTestId('new-channel-secret').locator('pre')
    await expect(secret).toHaveText(/^[\w-]{32}$/, { timeout: 30_000 })
    signingSecret = (await secret.textContent())!

    const channel = page.getByRole('region', { name: `Channel ${name}` })
    await expect(channel).toContainText('http://127.0.0.1:', { timeout: 30_000 })
    await channel.getByRole('button', { name: 'Send a test' }).click()
    await expect(channel.getByRole('status')).toContainText('Test queued', { timeout: 30_000 })
    await expect.poll(() => sink.on('/generic').length, { timeout: 60_000 }).toBe(1)
    expect(sink.on('/generic')[0]!.signatureValid).toBe(true)
    expect(sink.on('/generic')[0]!.json).toMatchObject({ kind: 'test', title: `Test message for "${name}"` })

    await expect(async () => {
      await page.reload()
      await expect(page.getByRole('region', { name: `Channel ${name}` }).getByRole('table', { name: 'Delivery log' }))
        .toContainText('sent', { timeout: 2_000 })
    }).toPass({ timeout: 60_000 })
    const row = page.getByRole('region', { name: `Channel ${name}` }).getByRole('row').nth(1)
    await expect(row).toContainText('test')
    await expect(row).toContainText('200 ok')
    await page.screenshot({ path: 'e2e/screenshots/settings-notification-channels.png', fullPage: true })
  } finally {
    if (allowId) await page.request.delete(`/api/settings/outbound-allow/${allowId}`, { headers })
    await worker.stop()
    await sink.stop()
  }
})
