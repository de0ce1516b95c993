import sql, { empty, join, type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { decodeCursor, encodeCursor, isBigintId, isIsoTime } from '@/lib/validation/cursor'
import type { AuditLogQuery } from '@/lib/validation/audit-log'

// Who did it: a signed-in person (id, email and role at the time), or an API token.
export type AuditActor = { userId?: string | null; email?: string | null; tokenId?: number | null; role?: string | null }

export type AuditEventInput = {
  actor: AuditActor
  // verb-first and namespaced by area: "team.create", "token.revoke", "connection.secret.rotate"
  action: string
  target: { type: string; id?: string | number | null }
  teamId?: number | null
  ip?: string | null
  userAgent?: string | null
  // what changed (field names and new values; never a secret)
  details?: Record<string, unknown>
}

export type AuditEvent = {
  id: string
  occurredAt: Date
  actorUserId: string | null
  actorEmail: string | null
  actorTokenId: number | null
  actorRole: string | null
  action: string
  targetType: string
  targetId: string | null
  teamId: number | null
  ip: string | null
  userAgent: string | null
  details: Record<string, unknown>
}

// Pass the mutation's transaction as `client` so the event is written (or rolled back) with the change.
export async function recordAuditEvent(e: AuditEventInput, client: Queryable = pool()): Promise<AuditEvent> {
  const [row] = await queryRows<AuditEvent>(client, sql`
    INSERT INTO audit_event (actor_user_id, actor_email, actor_token_id, actor_role, action, target_type, target_id, team_id, ip, user_agent, details)
    VALUES (${e.actor.userId ?? null}, ${e.actor.email ?? null}, ${e.actor.tokenId ?? null}, ${e.actor.role ?? null}, ${e.action},
      ${e.target.type}, ${e.target.id == null ? null : String(e.target.id)}, ${e.teamId ?? null}, ${e.ip ?? null},
      ${e.userAgent ? e.userAgent.slice(0, 512) : null}, ${JSON.stringify(e.details ?? {})}::jsonb)
    RETURNING ${columns}`)
  return row!
}

const columns = sql`id::text AS id, occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_email AS "actorEmail",
  actor_token_id AS "actorTokenId", actor_role AS "actorRole", action, target_type AS "targetType", target_id AS "targetId",
  team_id AS "teamId", ip, user_agent AS "userAgent", details`

export type AuditPage = { events: AuditEvent[]; nextCursor: string | null }

// Newest first, `limit` at a time; nextCursor continues after the last event (keyset: stable while
// new events arrive).
export async function listAuditEvents(q: AuditLogQuery, client: Queryable = pool()): Promise<AuditPage> {
  const after = q.cursor ? decodeCursor(q.cursor, (k) => k.length === 2 && isIsoTime(k[0]) && isBigintId(k[1])) : null
  const conditions = [
    ...filterConditions(q),
    ...(after ? [sql`(occurred_at, id) < (${after[0] as string}::timestamptz, ${after[1] as string}::bigint)`] : []),
  ]
  const events = await queryRows<AuditEvent>(client, sql`
    SELECT ${columns} FROM audit_event
    ${conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : empty}
    ORDER BY occurred_at DESC, id DESC LIMIT ${q.limit + 1}`)
  const more = events.length > q.limit
  const page = more ? events.slice(0, q.limit) : events
  const last = page.at(-1)
  return { events: page, nextCursor: more && last ? encodeCursor([last.occurredAt.toISOString(), last.id]) : null }
}

function filterConditions(q: Omit<AuditLogQuery, 'cursor' | 'limit'>): Sql[] {
  const c: Sql[] = []
  if (q.actor) {
    // token ids are int4: a longer number names no token (and must not reach SQL as one)
    const token = /^token:(\d{1,9})$/.exec(q.actor)
    c.push(token ? sql`actor_token_id = ${Number(token[1])}` : sql`(actor_user_id = ${q.actor} OR lower(actor_email) = lower(${q.actor}))`)
  }
  if (q.action) c.push(q.action.endsWith('.*') ? sql`action LIKE ${`${q.action.slice(0, -2).replace(/[\\%_]/g, '\\$&')}.%`}` : sql`action = ${q.action}`)
  if (q.targetType) c.push(sql`target_type = ${q.targetType}`)
  if (q.targetId) c.push(sql`target_id = ${q.targetId}`)
  if (q.team) c.push(sql`team_id = ${q.team}`)
  if (q.from) c.push(sql`occurred_at >= ${q.from}`)
  if (q.to) c.push(sql`occurred_at < ${q.to}`)
  return c
}
