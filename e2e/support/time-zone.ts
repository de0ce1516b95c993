import { expect, type Page } from '@playwright/test'
import { TZ_COOKIE } from '@/lib/time/time-zone'

// A browser without the time-zone cookie reports its zone on the first page it opens, and a page drawn in a
// guessed zone renders once more (components/layout/browser-time-zone.tsx). A spec that goes on at once can
// find its element replaced under it, or its next navigation aborted by the refresh: wait for the cookie and
// the refresh.
export async function settleTimeZone(page: Page) {
  await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === TZ_COOKIE)).toBe(true)
  await page.waitForLoadState('networkidle')
}
