'use client'

import { useRouter } from 'next/navigation'
import { useRef, useTransition, type ReactNode } from 'react'

const TYPING_MS = 600

// The URL of a GET filter form: its fields, each left out when empty or at its default, so a URL carries
// only what was chosen (and no page cursor: new filters start at the newest page).
export function autoFilterHref(action: string, fields: Iterable<[string, FormDataEntryValue]>, defaults: Record<string, string> = {}): string {
  const qs = new URLSearchParams()
  for (const [k, v] of fields) if (typeof v === 'string' && v !== '' && v !== defaults[k]) qs.set(k, v)
  const s = qs.toString()
  return s ? `${action}?${s}` : action
}

// A page's filter bar that applies as soon as a field changes, with no Apply button: a choice at once, typed
// text once the typing pauses. Without script it is a plain GET form, and the noscript button submits it.
export function AutoFilterForm({ action, label, className = 'filter-bar', defaults, children }: {
  action: string; label: string; className?: string; defaults?: Record<string, string>; children: ReactNode
}) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const apply = (form: HTMLFormElement) => {
    clearTimeout(typing.current)
    const href = autoFilterHref(action, new FormData(form), defaults)
    startTransition(() => router.push(href))
  }
  const onChange = (e: React.ChangeEvent<HTMLFormElement>) => {
    const form = e.currentTarget
    const target = e.target as unknown as HTMLInputElement
    if (target.type !== 'text' && target.type !== 'search') return apply(form)
    clearTimeout(typing.current)
    typing.current = setTimeout(() => apply(form), TYPING_MS)
  }
  return (
    <form method="get" action={action} aria-label={label} className={className} onChange={onChange}
      onSubmit={(e) => { e.preventDefault(); apply(e.currentTarget) }} aria-busy={pending} data-pending={pending || undefined}>
      {children}
      <noscript><button type="submit">Apply</button></noscript>
    </form>
  )
}
