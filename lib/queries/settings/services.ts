import sql, { join, type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'
import type { IncidentSeverity } from '@/lib/validation/incidents'
import type { EnvironmentStrategies } from '@/lib/validation/environment-strategies'
import type { SloIndicator, SloWindowKind } from '@/lib/metrics/slo'

export type ServiceSettingsRow = {
  id: number; slug: string; name: string; teamId: number; repositoryUrl: string | null; pathPrefixes: string[]; downtimeGraceMinutes: number
  incidentAttributionHours: number; cfrSeverities: IncidentSeverity[] | null; ttrSeverities: IncidentSeverity[] | null
  environmentStrategies: EnvironmentStrategies
  // the availability SLO (issue 27): target, window, and the indicator it is pinned to (null: automatic)
  sloTarget: number; sloWindow: SloWindowKind; sloIndicator: SloIndicator | null
}

// arrays of an enum come back as text unless cast (pg parses text[] only)
const columns = sql`id, slug, name, team_id AS "teamId", repository_url AS "repositoryUrl", path_prefixes AS "pathPrefixes",
  (downtime_grace_seconds / 60.0)::float8 AS "downtimeGraceMinutes",
  incident_attribution_hours AS "incidentAttributionHours", cfr_severities::text[] AS "cfrSeverities", ttr_severities::text[] AS "ttrSeverities",
  environment_strategies AS "environmentStrategies",
  slo_target::float8 AS "sloTarget", slo_window::text AS "sloWindow", slo_indicator AS "sloIndicator"`

export type NewService = { teamId: number; slug: string; name: string; repositoryUrl: string | null; pathPrefixes: string[] }

export async function createService(s: NewService, client: Queryable = pool()): Promise<ServiceSettingsRow> {
  const [row] = await queryRows<ServiceSettingsRow>(client, sql`
    INSERT INTO service (team_id, slug, name, repository_url, path_prefixes)
    VALUES (${s.teamId}, ${s.slug}, ${s.name}, ${s.repositoryUrl}, ${s.pathPrefixes}::text[])
    ON CONFLICT (team_id, slug) DO NOTHING RETURNING ${columns}`)
  if (!row) throw new AppError('CONFLICT', `This team already has a service with slug "${s.slug}".`, [{ path: 'slug', message: 'already taken in this team' }])
  return row
}

type Scoping = { incidentAttributionHours: number; cfrSeverities: IncidentSeverity[] | null; ttrSeverities: IncidentSeverity[] | null }
export type ServiceChange = Partial<Omit<NewService, 'slug'> & Scoping> & {
  downtimeGraceMinutes?: number; environmentStrategies?: EnvironmentStrategies | null
  sloTarget?: number; sloWindow?: SloWindowKind; sloIndicator?: SloIndicator | null
}

// Changes only what is given. Moving to another team re-files its rollups (triggers on service.team_id).
export async function updateService(id: number, change: ServiceChange, client: Queryable = pool()): Promise<ServiceSettingsRow> {
  const set: Sql[] = []
  if (change.teamId !== undefined) set.push(sql`team_id = ${change.teamId}`)
  if (change.name !== undefined) set.push(sql`name = ${change.name}`)
  if (change.repositoryUrl !== undefined) set.push(sql`repository_url = ${change.repositoryUrl}`)
  if (change.pathPrefixes !== undefined) set.push(sql`path_prefixes = ${change.pathPrefixes}::text[]`)
  if (change.downtimeGraceMinutes !== undefined) set.push(sql`downtime_grace_seconds = ${Math.round(change.downtimeGraceMinutes * 60)}`)
  if (change.incidentAttributionHours !== undefined) set.push(sql`incident_attribution_hours = ${change.incidentAttributionHours}`)
  if (change.cfrSeverities !== undefined) set.push(sql`cfr_severities = ${change.cfrSeverities}::"IncidentSeverity"[]`)
  if (change.ttrSeverities !== undefined) set.push(sql`ttr_severities = ${change.ttrSeverities}::"IncidentSeverity"[]`)
  if (change.sloTarget !== undefined) set.push(sql`slo_target = ${change.sloTarget}`)
  if (change.sloWindow !== undefined) set.push(sql`slo_window = ${change.sloWindow}::"SloWindow"`)
  if (change.sloIndicator !== undefined) set.push(sql`slo_indicator = ${change.sloIndicator}`)
  if (change.environmentStrategies !== undefined) set.push(sql`environment_strategies = ${JSON.stringify(change.environmentStrategies ?? {})}::jsonb`)
  const [row] = set.length
    ? await queryRows<ServiceSettingsRow>(client, sql`UPDATE service SET ${join(set, ', ')} WHERE id = ${id} RETURNING ${columns}`).catch(slugTaken)
    : await queryRows<ServiceSettingsRow>(client, sql`SELECT ${columns} FROM service WHERE id = ${id}`)
  if (!row) throw new AppError('NOT_FOUND', `No service ${id}.`)
  return row
}

// Moved into a team that has a service of the same slug: slugs are unique per team.
function slugTaken(err: unknown): never {
  if ((err as { code?: string }).code === '23505') {
    throw new AppError('CONFLICT', 'The new team already has a service with this slug.', [{ path: 'team', message: 'has a service with this slug' }])
  }
  throw err
}

// deployment.caused_incident of a service's deployments, recounted after its CFR severities changed (the
// incident trigger keeps it on incidents' changes; the rollup triggers follow the deployments' rows).
export async function recountCausedIncidents(serviceId: number, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    UPDATE deployment d SET caused_incident = x.caused
    FROM (
      SELECT d.id, EXISTS (
        SELECT 1 FROM incident i JOIN service s ON s.id = i.service_id
        WHERE i.cause_deployment_id = d.id AND incident_counts_for_cfr(i.not_caused_by_change, i.severity, s.cfr_severities)) AS caused
      FROM deployment d WHERE d.service_id = ${serviceId}
    ) x
    WHERE d.id = x.id AND d.caused_incident IS DISTINCT FROM x.caused`)
}
