'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useState } from 'react'

const links = [
  { href: '/', label: 'Overview' },
  { href: '/teams', label: 'Teams' },
  { href: '/services', label: 'Services' },
  { href: '/deployments', label: 'Deployments' },
  { href: '/strategies', label: 'Strategies' },
  { href: '/availability', label: 'Availability' },
  { href: '/incidents', label: 'Incidents' },
  { href: '/compliance', label: 'Compliance' },
  { href: '/reports', label: 'Reports' },
  { href: '/settings', label: 'Settings' },
  { href: '/docs/api', label: 'API' },
] as const

// A section is current on its own page and on the pages under it (/services/x, /teams/x); metric pages
// are opened from the overview and belong to it; any other path (a 404) marks nothing.
export function currentSection(pathname: string): string | null {
  if (pathname === '/' || pathname.startsWith('/metrics/')) return '/'
  return links.find((l) => l.href !== '/' && (pathname === l.href || pathname.startsWith(`${l.href}/`)))?.href ?? null
}

// The site navigation; on a phone (CSS, below 720 px) it folds into a menu button.
export function MainNav() {
  const pathname = usePathname()
  const [open, setOpen] = useState(false)
  const current = currentSection(pathname)
  return (
    <nav className="main-nav" aria-label="Main" data-open={open}>
      <button type="button" className="menu-button" aria-expanded={open} aria-controls="main-nav-links" onClick={() => setOpen(!open)}>
        Menu
      </button>
      <ul id="main-nav-links">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={l.href === current ? 'page' : undefined} onClick={() => setOpen(false)}>{l.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
