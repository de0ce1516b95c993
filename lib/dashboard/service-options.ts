import type { FilterOptions } from '@/lib/queries/list-filter-options'

// A filter bar's service choices: one option per slug (slugs are unique per team, and the Team filter picks
// among the teams sharing one), named "api (2 teams)" when several teams have it.
export function serviceOptions(services: FilterOptions['services']): { slug: string; label: string }[] {
  const bySlug = new Map<string, string[]>()
  for (const s of services) bySlug.set(s.slug, [...(bySlug.get(s.slug) ?? []), s.name])
  return [...bySlug].map(([slug, names]) => ({ slug, label: names.length > 1 ? `${slug} (${names.length} teams)` : names[0]! }))
}
