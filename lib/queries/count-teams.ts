import type pg from 'pg'

export async function countTeams(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM team')
  return rows[0]?.n ?? 0
}
