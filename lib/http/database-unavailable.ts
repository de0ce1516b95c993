// Errors that mean "the database cannot be reached right now" (answered 503 + Retry-After),
// as opposed to a bug. pg raises socket errors; the Prisma adapter wraps them with a `cause`.
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN'])
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown / cannot connect now), 53300 (too many
// connections), 57014 (statement timeout: the database is too busy to answer in time), 40P01 / 40001
// (deadlock, serialization failure: still failing after lib/db.ts retried the transaction).
const sqlStates = /^(08...|57P0[123]|53300|57014|40P01|40001)$/
// P2024/P2028: no pooled connection or transaction slot in time, i.e. the database is saturated.
const prismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028'])
// pg's own: `query_timeout` fired, or a pooled client whose connection died is used again
const messages = /(connection terminated|timeout exceeded when trying to connect|can't reach database|connection refused|database.*not reachable|server closed the connection|query read timeout|not queryable)/i

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown }
  if (typeof e.code === 'string' && (socketCodes.has(e.code) || sqlStates.test(e.code) || prismaCodes.has(e.code))) return true
  if (e.kind === 'DatabaseNotReachable' || e.kind === 'SocketTimeout' || e.kind === 'ConnectionClosed') return true
  if (typeof e.message === 'string' && messages.test(e.message)) return true
  return isDatabaseUnavailable(e.cause, depth + 1)
}
