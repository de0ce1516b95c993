import { pool } from '@/lib/db'

export async function pingDatabase(): Promise<void> {
  await pool().query('SELECT 1')
}
