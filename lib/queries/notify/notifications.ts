import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'
import type { Notice } from '@/lib/validation/notifications'

type Attachment = { filename: string; contentType: string; content: Buffer }

// The alert's row, stored once per (team, key); `created` is false when the key was stored before.
export async function insertNotification(client: Queryable, teamId: number, notice: Notice): Promise<{ id: string; created: boolean }> {
  const [row] = await queryRows<{ id: string; created: boolean }>(client, sql`
    WITH added AS (
      INSERT INTO notification (team_id, kind, key, payload) VALUES (${teamId}, ${notice.kind}, ${notice.key}, ${JSON.stringify(notice)}::jsonb)
      ON CONFLICT (team_id, key) DO NOTHING RETURNING id)
    SELECT id::text, true AS created FROM added
    UNION ALL SELECT id::text, false FROM notification WHERE team_id = ${teamId} AND key = ${notice.key}
    LIMIT 1`)
  return row!
}

export async function insertAttachments(client: Queryable, notificationId: string, files: Attachment[]): Promise<void> {
  for (const f of files) {
    await client.query(sql`
      INSERT INTO notification_attachment (notification_id, filename, content_type, content)
      VALUES (${notificationId}::bigint, ${f.filename}, ${f.contentType}, ${f.content})`)
  }
}

// One delivery per channel, stored before anything is sent: a (channel, alert key) stored before is left alone.
export async function insertDeliveries(client: Queryable, notificationId: string, channelIds: number[], alertKey: string): Promise<number> {
  const r = await client.query(sql`
    INSERT INTO notification_delivery (notification_id, channel_id, alert_key)
    SELECT ${notificationId}::bigint, c, ${alertKey} FROM unnest(${channelIds}::int[]) AS c
    ON CONFLICT (channel_id, alert_key) DO NOTHING`)
  return r.rowCount ?? 0
}

export async function listAttachments(client: Queryable, notificationId: string): Promise<Attachment[]> {
  return queryRows<Attachment>(client, sql`
    SELECT filename, content_type AS "contentType", content FROM notification_attachment WHERE notification_id = ${notificationId}::bigint ORDER BY id`)
}
