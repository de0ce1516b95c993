import type pg from 'pg'

// The key ids the web server last started with, current first (prisma/schema.prisma, ServerKeyring).
export async function saveServerKeyring(db: pg.Pool | pg.ClientBase, keyIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO server_keyring (id, key_ids, updated_at) VALUES (1, $1, now())
     ON CONFLICT (id) DO UPDATE SET key_ids = EXCLUDED.key_ids, updated_at = EXCLUDED.updated_at`,
    [keyIds],
  )
}

export async function readServerKeyring(db: pg.Pool | pg.ClientBase): Promise<{ keyIds: string[]; updatedAt: Date } | null> {
  const { rows } = await db.query<{ keyIds: string[]; updatedAt: Date }>('SELECT key_ids AS "keyIds", updated_at AS "updatedAt" FROM server_keyring WHERE id = 1')
  return rows[0] ?? null
}
