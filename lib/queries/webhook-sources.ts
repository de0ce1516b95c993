import sql, { raw } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

// A team's tool sending webhooks with a sealed secret: incident sources and rollout sources share the shape
// (team, kind, name unique per team, secret_enc), so they share these queries.
export type WebhookSourceRow<K extends string> = { id: number; teamId: number; team: string; kind: K; name: string; createdAt: Date }
export type WebhookSourceWithSecret<K extends string> = WebhookSourceRow<K> & { secretEnc: string }
type NewSource<K extends string> = { teamId: number; kind: K; name: string; secretEnc: string }

const columns = sql`s.id, s.team_id AS "teamId", t.slug AS team, s.kind, s.name, s.created_at AS "createdAt"`

// table: one of the two constant names, never input; what: "an incident source", in the conflict's message
export function webhookSourceQueries<K extends string>(table: 'incident_source' | 'rollout_source', what: string) {
  const t = raw(table)
  return {
    async insert(input: NewSource<K>, client: Queryable = pool()): Promise<number> {
      const [row] = await queryRows<{ id: number }>(client, sql`
        INSERT INTO ${t} (team_id, kind, name, secret_enc) VALUES (${input.teamId}, ${input.kind}, ${input.name}, ${input.secretEnc})
        ON CONFLICT (team_id, name) DO NOTHING RETURNING id`)
      if (!row) throw new AppError('CONFLICT', `The team has ${what} named "${input.name}" already.`, [{ path: 'name', message: 'already taken in this team' }])
      return row.id
    },
    async get(id: number, client: Queryable = pool()): Promise<WebhookSourceWithSecret<K> | null> {
      const [row] = await queryRows<WebhookSourceWithSecret<K>>(client, sql`
        SELECT ${columns}, s.secret_enc AS "secretEnc" FROM ${t} s JOIN team t ON t.id = s.team_id WHERE s.id = ${id}`)
      return row ?? null
    },
    async list(readable: ReadableTeams, client: Queryable = pool()): Promise<WebhookSourceRow<K>[]> {
      return queryRows<WebhookSourceRow<K>>(client, sql`
        SELECT ${columns} FROM ${t} s JOIN team t ON t.id = s.team_id
        WHERE ${readableTeamsSql(sql`s.team_id`, readable)} ORDER BY t.slug, s.name`)
    },
    async remove(id: number, client: Queryable = pool()): Promise<void> {
      await client.query(sql`DELETE FROM ${t} WHERE id = ${id}`)
    },
  }
}
