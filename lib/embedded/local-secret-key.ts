import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

// `npm start` without PLIMSOLL_SECRET_KEY: a key made once and kept in the data directory (mode 600),
// so sealed secrets and sessions survive restarts. Production installs set the variable instead.
export function localSecretKey(dataDir: string): string {
  const file = path.join(dataDir, 'secret-key')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const key = randomBytes(32).toString('base64')
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, key + '\n', { mode: 0o600 })
  return key
}
