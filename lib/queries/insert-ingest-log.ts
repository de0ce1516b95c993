import sql from 'sql-template-tag'
import type { Queryable } from '@/lib/db'

export type IngestLogEntry = {
  source: string
  kind: string
  deliveryId?: string | null
  tokenId?: number | null
  rawBody: string
  outcome: string
  receivedAt: Date
  error?: string | null
}

export async function insertIngestLog(client: Queryable, e: IngestLogEntry): Promise<void> {
  await client.query(sql`
    INSERT INTO ingest_log (source, kind, delivery_id, token_id, raw_body, outcome, received_at, processed_at, error)
    VALUES (${e.source}, ${e.kind}, ${e.deliveryId ?? null}, ${e.tokenId ?? null}, ${e.rawBody}, ${e.outcome},
      ${e.receivedAt}, now(), ${e.error ?? null})`).then((r) => r.rowCount ?? 0)
}
