import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Keep the Prisma runtime, the pg driver and PGlite out of the server bundle.
  serverExternalPackages: ['@prisma/client', '@prisma/adapter-pg', 'pg', 'pg-boss', '@electric-sql/pglite', 'pino'],
  poweredByHeader: false,
  // A separate build directory lets a benchmark or second checkout build without touching .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
}

export default nextConfig
