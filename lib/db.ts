import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '@/generated/prisma'
import { env } from '@/lib/env'

// One PrismaClient per server process (survives dev hot reloads).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient }

function createClient() {
  const { DATABASE_URL, DB_POOL_MAX } = env()
  const adapter = new PrismaPg({ connectionString: DATABASE_URL, max: DB_POOL_MAX, connectionTimeoutMillis: 5_000 })
  return new PrismaClient({ adapter })
}

export function db(): PrismaClient {
  globalForPrisma.prisma ??= createClient()
  return globalForPrisma.prisma
}

export type Db = PrismaClient
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
export type DbOrTx = Db | Tx
