import type { Metadata } from 'next'
import Link from 'next/link'

// absolute: the root layout's title template does not apply to its own segment
export const metadata: Metadata = { title: { absolute: 'Page not found · Plimsoll' } }

// Any path without a page, and notFound() from a page (a team or service the reader cannot see): inside
// the app's layout, so the navigation stays, with a way back.
export default function NotFound() {
  return (
    <section className="card not-found" data-testid="not-found">
      <h1>Page not found</h1>
      <p>There is no page at this address, or it belongs to a team you cannot read.</p>
      <p><Link href="/">Back to the overview</Link></p>
    </section>
  )
}
