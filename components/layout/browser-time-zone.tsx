'use client'

import { useEffect } from 'react'
import { useRouter } from 'next/navigation'
import { TZ_COOKIE } from '@/lib/time/time-zone'

// Tells the server the browser's time zone (a cookie), so charts and tables are in the reader's zone
// without a tz parameter; a tz in the URL still wins. Renders again once when the zone was not known.
export function BrowserTimeZone({ known }: { known: string | null }) {
  const router = useRouter()
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    if (!zone || zone === known) return
    document.cookie = `${TZ_COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax`
    router.refresh()
  }, [known, router])
  return null
}
