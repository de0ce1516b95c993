import { AppError } from '@/lib/errors/app-error'

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
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor; use the nextCursor value of a previous page.', [
    { path: 'cursor', message: 'is not a cursor this API issued' },
  ])
}

// The parts a cursor may hold, checked as tightly as the columns they are compared with: an edited
// cursor is a 422 on "cursor", never a database error (an unparsable time, an id beyond int4).
const INT4_MAX = 2_147_483_647
export const isInt4Id = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= INT4_MAX
export const isBigintId = (v: unknown): v is string => typeof v === 'string' && /^\d{1,18}$/.test(v)
// an ISO time as toISOString writes it (years 0001-9999, which PostgreSQL's timestamptz holds)
export const isIsoTime = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !v.startsWith('0000') && !Number.isNaN(Date.parse(v))

// [time, int id] cursors of the deployment and incident lists; `nullableTime` for rows without a time yet.
export function decodeTimeIdCursor(cursor: string, opts: { nullableTime?: boolean } = {}): { time: Date | null; id: number } {
  const [time, id] = decodeCursor(cursor, (k) => k.length === 2 && (isIsoTime(k[0]) || (opts.nullableTime === true && k[0] === null)) && isInt4Id(k[1]))
  return { time: time === null ? null : new Date(time as string), id: id as number }
}
