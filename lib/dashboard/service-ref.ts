// Service slugs are unique per team only. A link or a choice names the team only when the reader can see
// several services of that slug, so the usual URL stays /services/<slug>.
export type ServiceOption = { slug: string; name: string; team: string }

export function sharedSlugs(services: ServiceOption[]): Set<string> {
  const seen = new Set<string>()
  const shared = new Set<string>()
  for (const s of services) (seen.has(s.slug) ? shared : seen).add(s.slug)
  return shared
}

// The page of one service (`path`: /services or /compliance), with ?team= when its slug is shared and
// the view's other parameters (`query`: range, tz) when given.
export function serviceHref(
  s: { slug: string; team: string }, shared: Set<string>, path = '/services', query: Record<string, string | undefined> = {},
): string {
  const params = { ...query, team: shared.has(s.slug) ? s.team : undefined }
  const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString()
  return `${path}/${s.slug}${qs ? `?${qs}` : ''}`
}

// A <select>'s value for a service ("team/slug" when shared: "/" is never in a slug), and back.
export function serviceChoice(s: ServiceOption, shared: Set<string>): { value: string; label: string } {
  return shared.has(s.slug) ? { value: `${s.team}/${s.slug}`, label: `${s.name} (${s.team})` } : { value: s.slug, label: s.name }
}

export function parseServiceChoice(value: string): { service: string; team?: string } {
  const at = value.indexOf('/')
  return at < 0 ? { service: value } : { team: value.slice(0, at), service: value.slice(at + 1) }
}

// The service a page for `slug` shows: the only one of that slug, else the one of `team`; several without a
// team to tell them apart are returned all (the page offers the choice); none is undefined (a 404).
export function pickService<S extends ServiceOption>(services: S[], slug: string, team: string | undefined): S | S[] | undefined {
  const bySlug = services.filter((s) => s.slug === slug)
  if (bySlug.length <= 1) return bySlug[0]
  return bySlug.find((s) => s.team === team) ?? bySlug
}
