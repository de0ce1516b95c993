'use client'

import { useEffect } from 'react'
import { useRouter } from 'next/navigation'
import { TZ_COOKIE } from '@/lib/time/time-zone'

const MARK = 'data-zone-guessed'

// Tells the server the browser's time zone (a cookie), so charts and tables are in the reader's zone
// without a tz parameter; a tz in the URL still wins. It runs on every page, the sign-in page too, so a
// browser has said its zone before it opens its first dashboard page and no page has to be drawn twice.
// Only a page that drew its times in a zone the server guessed (marked by <ZoneGuessed />) is rendered
// again, once, when the browser's zone turns out to be another: a 404, a settings form or a page with
// its own tz parameter is left as it is.
export function BrowserTimeZone({ known }: { known: string | null }) {
  const router = useRouter()
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    if (!zone || zone === known) return
    document.cookie = `${TZ_COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax`
    const guessed = document.querySelector(`[${MARK}]`)?.getAttribute(MARK)
    if (guessed && guessed !== zone) router.refresh()
  }, [known, router])
  return null
}

// Rendered by a page whose times are in the zone the cookie gave (or UTC without one), outside any
// Suspense boundary so it is there when BrowserTimeZone looks; nothing when the URL named the zone.
export function ZoneGuessed({ tz, fromUrl }: { tz: string; fromUrl: boolean }) {
  return fromUrl ? null : <span hidden {...{ [MARK]: tz }} />
}
