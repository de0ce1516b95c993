'use client'

import { useEffect, useRef } from 'react'

// Keep in step with the phone breakpoint in app/globals.css.
const PHONE = '(max-width: 720px)'

// Filters open on a wide screen and folded away behind their summary on a phone, where they would
// push the numbers below the fold. Rendered open, so it works before any script has loaded.
export function FoldedOnPhone({ summary, children }: { summary: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    if (ref.current && window.matchMedia(PHONE).matches) ref.current.open = false
  }, [])
  return (
    <details ref={ref} className="folded-on-phone" open>
      <summary>{summary}</summary>
      {children}
    </details>
  )
}
