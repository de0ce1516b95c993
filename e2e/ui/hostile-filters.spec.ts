import { expect, test } from '@playwright/test'
import { encodeCursor } from '@/lib/http/cursor'

// Pages read their filters from the URL: a hand-edited link with a NUL, an id beyond int4 or a cursor
// holding a bad date shows the page (with the filter refused), never a server error.
const badCursor = encodeCursor(['not a date', 1])
const pages = [
  '/settings/audit?team=99999999999',
  '/settings/audit?actor=a%00b',
  '/settings/audit?actor=token:99999999999',
  `/settings/audit?cursor=${encodeCursor(['not a date', '1'])}`,
  '/deployments?environment=prod%00',
  `/incidents?cursor=${badCursor}`,
  '/metrics/deploymentFrequency?page=1e300',
  '/incidents/99999999999',
]

test('hostile filters in page URLs are refused without a 500', async ({ page }) => {
  for (const path of pages) {
    const res = await page.goto(path)
    expect(res!.status(), path).toBeLessThan(500)
  }
  await page.goto('/settings/audit?team=99999999999')
  await expect(page.getByText(/Some filters were not understood/)).toContainText('team')
})
