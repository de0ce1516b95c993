import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'
import type { ChannelKind } from '@/lib/validation/notifications'

export type ChannelRow = {
  id: number; teamId: number; team: string; kind: ChannelKind; name: string; events: string[]; target: string
  config: Record<string, unknown>; enabled: boolean; createdAt: Date
}
export type ChannelWithSecret = ChannelRow & { secretEnc: string }

const columns = sql`c.id, c.team_id AS "teamId", t.slug AS team, c.kind, c.name, c.events, c.target, c.config, c.enabled, c.created_at AS "createdAt"`

type NewChannel = { teamId: number; kind: ChannelKind; name: string; events: string[]; target: string; config: object; secretEnc: string }

const nameTaken = (name: string) =>
  new AppError('CONFLICT', `The team has a notification channel named "${name}" already.`, [{ path: 'name', message: 'already taken in this team' }])

export async function insertChannel(c: NewChannel, client: Queryable = pool()): Promise<number> {
  const [row] = await queryRows<{ id: number }>(client, sql`
    INSERT INTO notification_channel (team_id, kind, name, events, target, config, secret_enc)
    VALUES (${c.teamId}, ${c.kind}, ${c.name}, ${c.events}::text[], ${c.target}, ${JSON.stringify(c.config)}::jsonb, ${c.secretEnc})
    ON CONFLICT (team_id, name) DO NOTHING RETURNING id`)
  if (!row) throw nameTaken(c.name)
  return row.id
}

export async function getChannel(id: number, client: Queryable = pool()): Promise<ChannelWithSecret | null> {
  const [row] = await queryRows<ChannelWithSecret>(client, sql`
    SELECT ${columns}, c.secret_enc AS "secretEnc" FROM notification_channel c JOIN team t ON t.id = c.team_id WHERE c.id = ${id}`)
  return row ?? null
}

export async function listChannels(readable: ReadableTeams, client: Queryable = pool()): Promise<ChannelRow[]> {
  return queryRows<ChannelRow>(client, sql`
    SELECT ${columns} FROM notification_channel c JOIN team t ON t.id = c.team_id
    WHERE ${readableTeamsSql(sql`c.team_id`, readable)} ORDER BY t.slug, c.name`)
}

// The channels an alert of `kind` goes to: the team's enabled channels that receive it ('test': the one named).
export async function listReceivingChannelIds(teamId: number, kind: string, channelId: number | undefined, client: Queryable): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(client, channelId === undefined
    ? sql`SELECT id FROM notification_channel WHERE team_id = ${teamId} AND enabled AND ${kind} = ANY(events) ORDER BY id`
    : sql`SELECT id FROM notification_channel WHERE team_id = ${teamId} AND id = ${channelId}`)
  return rows.map((r) => r.id)
}

type ChannelPatch = { name?: string; events?: string[]; enabled?: boolean }

export async function updateChannel(id: number, p: ChannelPatch, client: Queryable = pool()): Promise<void> {
  try {
    await client.query(sql`
      UPDATE notification_channel SET name = COALESCE(${p.name ?? null}, name), events = COALESCE(${p.events ?? null}::text[], events),
        enabled = COALESCE(${p.enabled ?? null}::boolean, enabled), updated_at = now()
      WHERE id = ${id}`)
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw nameTaken(p.name ?? '')
    throw err
  }
}

export async function deleteChannel(id: number, client: Queryable = pool()): Promise<void> {
  await client.query(sql`DELETE FROM notification_channel WHERE id = ${id}`)
}
