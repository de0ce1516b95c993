import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'

export type CachedResponse = { etag: string; body: unknown; link: string | null }

export async function getCachedResponse(connectionId: number, url: string, client: Queryable = pool()): Promise<CachedResponse | null> {
  const [row] = await queryRows<CachedResponse>(client, sql`
    UPDATE github_etag SET used_at = now() WHERE connection_id = ${connectionId} AND url = ${url} RETURNING etag, body, link`)
  return row ?? null
}

export async function putCachedResponse(connectionId: number, url: string, r: CachedResponse, client: Queryable = pool()): Promise<void> {
  await client.query(sql`
    INSERT INTO github_etag (connection_id, url, etag, body, link, used_at) VALUES (${connectionId}, ${url}, ${r.etag}, ${JSON.stringify(r.body)}::jsonb, ${r.link}, now())
    ON CONFLICT (connection_id, url) DO UPDATE SET etag = EXCLUDED.etag, body = EXCLUDED.body, link = EXCLUDED.link, used_at = now()`)
}

// URLs no reconciliation asked for in a while (deployments that left the window) are forgotten.
export async function pruneCachedResponses(connectionId: number, unusedFor: string, client: Queryable = pool()): Promise<number> {
  const res = await client.query(sql`DELETE FROM github_etag WHERE connection_id = ${connectionId} AND used_at < now() - ${unusedFor}::interval`)
  return res.rowCount ?? 0
}
