import type { IncidentSeverity } from '@/lib/validation/incidents'

export type CauseLinkMethod = 'explicit_deployment' | 'explicit_sha' | 'manual' | 'inferred'

export type IncidentFields = {
  environmentId: number | null
  title: string
  severity: IncidentSeverity | null
  openedAt: Date
  resolvedAt: Date | null
  isOutage: boolean
  url: string | null
  causeDeploymentId: number | null
  causeLinkMethod: CauseLinkMethod | null
  fixDeploymentId: number | null
  // kept in time to restore, never a change failure (docs/metrics.md, incident scoping)
  notCausedByChange: boolean
}

// What a request says about an incident; undefined = not said (keep what is stored).
export type IncidentPatch = { [K in keyof IncidentFields]?: IncidentFields[K] }

export type IncidentMergeResult =
  | { kind: 'unchanged' }
  | { kind: 'write'; next: IncidentFields }
  | { kind: 'invalid'; fields: { path: string; message: string }[] }

export function mergeIncident(existing: IncidentFields | null, patch: IncidentPatch): IncidentMergeResult {
  if (!existing) {
    const missing = (['title', 'openedAt'] as const).filter((k) => patch[k] === undefined)
    if (missing.length) return { kind: 'invalid', fields: missing.map((k) => ({ path: k, message: 'required for a new incident' })) }
  }
  const base: IncidentFields = existing ?? {
    environmentId: null, title: '', severity: null, openedAt: new Date(0), resolvedAt: null, isOutage: false,
    url: null, causeDeploymentId: null, causeLinkMethod: null, fixDeploymentId: null, notCausedByChange: false,
  }
  const next = { ...base } as Record<keyof IncidentFields, unknown>
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) next[k as keyof IncidentFields] = v
  const merged = next as IncidentFields
  if (merged.resolvedAt && merged.resolvedAt < merged.openedAt) {
    return { kind: 'invalid', fields: [{ path: 'resolvedAt', message: 'must not be before openedAt' }] }
  }
  if (existing && sameIncident(existing, merged)) return { kind: 'unchanged' }
  return { kind: 'write', next: merged }
}

function sameIncident(a: IncidentFields, b: IncidentFields): boolean {
  return (Object.keys(a) as (keyof IncidentFields)[]).every((k) => {
    const x = a[k]
    const y = b[k]
    return x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : x === y
  })
}
