import type { SourceAttributes } from '@/lib/incident-sources/source-item'

export type RuleMatch = 'service' | 'tag' | 'label'
export type MappingRule = { id: number; match: RuleMatch; key: string; value: string }

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

// The first rule (oldest first) an event's attributes satisfy: a service rule names the vendor's service id or
// name, a tag rule one of its tags, a label rule a label's name and value. Compared without case.
export function firstMatchingRule<R extends MappingRule>(rules: R[], a: SourceAttributes): R | null {
  const hit = (r: R) => {
    if (r.match === 'service') return a.services.some((s) => same(s, r.value))
    if (r.match === 'tag') return a.tags.some((t) => same(t, r.value))
    return Object.entries(a.labels).some(([k, values]) => same(k, r.key) && values.some((v) => same(v, r.value)))
  }
  return [...rules].sort((x, y) => x.id - y.id).find(hit) ?? null
}
