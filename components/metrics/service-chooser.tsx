import { serviceHref, type ServiceOption } from '@/lib/dashboard/service-ref'

// Several teams the reader may read have a service of this slug (slugs are unique per team): pick one.
export function ServiceChooser({ slug, services, path }: { slug: string; services: ServiceOption[]; path: '/services' | '/compliance' }) {
  const shared = new Set([slug])
  return (
    <>
      <h1>Service {slug}</h1>
      <p className="card notice">Several teams have a service called <code>{slug}</code>. Choose one:</p>
      <ul data-testid="service-chooser">
        {services.map((s) => <li key={s.team}><a href={serviceHref(s, shared, path)}>{s.name}</a> <span className="muted">· team {s.team}</span></li>)}
      </ul>
    </>
  )
}
