import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

// `npm start` without PLIMSOLL_SECRET_KEY: a key made once and kept in the data directory (mode 600),
// so sealed secrets and sessions survive restarts. Production installs set the variable instead.
export function localSecretKey(dataDir: string): string {
  const file = localSecretKeyFile(dataDir)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const key = randomBytes(32).toString('base64')
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, key + '\n', { mode: 0o600 })
  return key
}

export const localSecretKeyFile = (dataDir: string) => path.join(dataDir, 'secret-key')

// The one key resolution of `npm start` and every command: PLIMSOLL_SECRET_KEY, else the data directory's
// key (PLIMSOLL_DATA_DIR, default .data), made there on first use. `from` says which, for messages.
export function resolveSecretKey(source: NodeJS.ProcessEnv = process.env): { key: string; from: string } {
  if (source.PLIMSOLL_SECRET_KEY) return { key: source.PLIMSOLL_SECRET_KEY, from: 'PLIMSOLL_SECRET_KEY' }
  const dataDir = source.PLIMSOLL_DATA_DIR || '.data'
  return { key: localSecretKey(dataDir), from: localSecretKeyFile(dataDir) }
}
