import type { Metadata } from 'next'
import localFont from 'next/font/local'
import { cookies } from 'next/headers'
import Link from 'next/link'
import { MainNav } from '@/components/layout/main-nav'
import { ThemeToggle } from '@/components/layout/theme-toggle'
import { UserMenu } from '@/components/auth/user-menu'
import { getPageUser } from '@/lib/auth/page-user'
import { Providers } from '@/components/layout/providers'
import { THEME_COOKIE, parseTheme } from '@/lib/theme/theme'
import { BrowserTimeZone } from '@/components/layout/browser-time-zone'
import { TZ_COOKIE } from '@/lib/time/time-zone'
import './globals.css'

// Self-hosted: next/font/google needs the internet at build time.
const inter = localFont({ src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2', variable: '--font-inter' })

export const metadata: Metadata = {
  // each page names itself ("Services · Plimsoll"); the icon is app/icon.svg
  title: { template: '%s · Plimsoll', default: 'Plimsoll' },
  description: 'Delivery and security metrics: DORA, availability, compliance',
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const jar = await cookies()
  const theme = parseTheme(jar.get(THEME_COOKIE)?.value)
  // the layout renders on public pages too (sign-in, API docs), and on a server without its database
  const user = await getPageUser().catch(() => null)
  return (
    <html lang="en" className={inter.variable} data-theme={theme === 'system' ? undefined : theme}>
      <body>
        <header className="topbar">
          <Link href="/" className="brand">Plimsoll</Link>
          {/* signed-out visitors (sign-in, setup, API docs) get no links into pages they cannot open */}
          {user && <MainNav />}
          {user && <UserMenu name={user.name} role={user.role} />}
          <ThemeToggle initial={theme} />
        </header>
        <main><Providers>{children}</Providers></main>
        {/* signed out too: the sign-in page reports the zone before the first dashboard page is drawn */}
        <BrowserTimeZone known={jar.get(TZ_COOKIE)?.value ?? null} />
      </body>
    </html>
  )
}
