import type { Metadata } from 'next'
import localFont from 'next/font/local'
import Link from 'next/link'
import './globals.css'

// Self-hosted: next/font/google needs the internet at build time.
const inter = localFont({ src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2', variable: '--font-inter' })

export const metadata: Metadata = {
  title: 'Plimsoll',
  description: 'Delivery and security metrics: DORA, availability, compliance',
}

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body>
        <header className="topbar">
          <Link href="/" className="brand">Plimsoll</Link>
          <nav>
            <Link href="/">Overview</Link>
            <Link href="/services">Services</Link>
            <Link href="/deployments">Deployments</Link>
            <Link href="/docs/api">API</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  )
}
