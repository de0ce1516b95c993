import { AppError } from '@/lib/http/app-error'

// Opaque keyset cursors: base64url JSON of the last row's sort key.
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(cursor: string, shape: (key: unknown[]) => boolean): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(key) && shape(key)) return key
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor; use the nextCursor value of a previous page.', [{ path: 'cursor', message: 'is not a cursor this API issued' }])
}
