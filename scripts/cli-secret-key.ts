import type pg from 'pg'
import { keyringFrom, type Keyring } from '@/lib/crypto/secret-box'
import { resolveSecretKey } from '@/lib/embedded/local-secret-key'
import { readServerKeyring } from '@/lib/queries/server-keyring'

// The keyring a command seals and opens stored secrets with: the same resolution as `npm start`
// (PLIMSOLL_SECRET_KEY, else the data directory's key). A key the web server did not start with would seal
// secrets the server cannot open (every webhook delivery a 401): that is refused, naming both keys.
export async function commandKeyring(client: pg.ClientBase): Promise<Keyring> {
  const { key, from } = resolveSecretKey()
  // what the app's own modules read when the command opens a secret (lib/crypto/app-keyring.ts)
  process.env.PLIMSOLL_SECRET_KEY = key
  const ring = keyringFrom(key, process.env.PLIMSOLL_SECRET_KEY_PREVIOUS)
  const server = await readServerKeyring(client)
  if (server && !server.keyIds.includes(ring.current.id)) {
    const previous = server.keyIds.length > 1 ? ` (and previous ${server.keyIds.slice(1).join(', ')})` : ''
    throw new Error(
      `Refused: this command would seal with key ${ring.current.id} (from ${from}), but the server last started `
      + `${server.updatedAt.toISOString()} with key ${server.keyIds[0]}${previous} and could not open it. Run the command with `
      + 'the key the server uses: the same PLIMSOLL_SECRET_KEY, or without it the same PLIMSOLL_DATA_DIR (its secret-key file).',
    )
  }
  return ring
}
