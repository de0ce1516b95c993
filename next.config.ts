import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Keep the Prisma runtime, the pg driver and PGlite out of the server bundle.
  // pdfkit reads its font metrics from files next to its own code.
  serverExternalPackages: ['@prisma/client', '@prisma/adapter-pg', 'pg', 'pg-boss', '@electric-sql/pglite', 'pino', 'pdfkit'],
  poweredByHeader: false,
  // No `headers()`: they would be frozen into the build. The web server sets the security headers at run
  // time (lib/http/security-headers.ts); the pages' nonce CSP comes from proxy.ts.
  // `npm test` type-checks the whole project (tsc --noEmit) as its own step; don't do it twice.
  typescript: { ignoreBuildErrors: true },
  // A separate build directory lets a benchmark or second checkout build without touching .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
}

export default nextConfig
