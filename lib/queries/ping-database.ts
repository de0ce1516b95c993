import { db } from '@/lib/db'

export async function pingDatabase(): Promise<void> {
  await db().$queryRaw`SELECT 1`
}
