import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const inputs = ['app', 'components', 'lib', 'public', 'prisma/schema.prisma', 'next.config.ts', 'tsconfig.json', 'package-lock.json']

// `npm start` builds only when there is no build or a source file is newer than it.
export function buildIsStale(root = process.cwd()): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID')
  if (!existsSync(buildId)) return true
  const builtAt = statSync(buildId).mtimeMs
  return inputs.some((p) => newestMtime(path.join(root, p)) > builtAt)
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0
  const stat = statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue
    newest = Math.max(newest, newestMtime(path.join(p, entry)))
  }
  return newest
}
