// Postgres array parameters built by hand: node-pg's generic serializer is the bottleneck when a
// bulk load sends millions of values through `unnest($1::int[], ...)`.

// Binary array parameters (each in a buffer of its own, so a worker thread can transfer it): node-pg sends a Buffer parameter in binary format, and Postgres' array_recv
// reads fixed-width elements without parsing text. Layout: ndim, has-null flag, element type oid,
// length and lower bound of the one dimension, then per element its byte length (-1 = NULL) and bytes.
const INT4_OID = 23
const FLOAT8_OID = 701
const BOOL_OID = 16
const TEXT_OID = 25
const TIMESTAMPTZ_OID = 1184
const HEADER = 20
const PG_EPOCH_MS = 946_684_800_000 // 2000-01-01T00:00:00Z, the zero of Postgres' binary timestamps
const TWO_32 = 4_294_967_296

function header(buf: Buffer, oid: number, n: number, hasNull: boolean): void {
  buf.writeInt32BE(1, 0)
  buf.writeInt32BE(hasNull ? 1 : 0, 4)
  buf.writeInt32BE(oid, 8)
  buf.writeInt32BE(n, 12)
  buf.writeInt32BE(1, 16)
}

/** int4[] in binary format; `get` reads the value (or null) of row i. */
export function binaryInt4Array<T>(rows: readonly T[], get: (row: T) => number | null): Buffer {
  const n = rows.length
  const buf = Buffer.allocUnsafeSlow(HEADER + 8 * n)
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let off = HEADER
  let hasNull = false
  for (let i = 0; i < n; i++) {
    const v = get(rows[i] as T)
    if (v === null) {
      dv.setInt32(off, -1)
      off += 4
      hasNull = true
    } else {
      dv.setInt32(off, 4)
      dv.setInt32(off + 4, v)
      off += 8
    }
  }
  header(buf, INT4_OID, n, hasNull)
  return buf.subarray(0, off)
}

/** float8[] in binary format. */
export function binaryFloat8Array<T>(rows: readonly T[], get: (row: T) => number | null): Buffer {
  const n = rows.length
  const buf = Buffer.allocUnsafeSlow(HEADER + 12 * n)
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let off = HEADER
  let hasNull = false
  for (let i = 0; i < n; i++) {
    const v = get(rows[i] as T)
    if (v === null) {
      dv.setInt32(off, -1)
      off += 4
      hasNull = true
    } else {
      dv.setInt32(off, 8)
      dv.setFloat64(off + 4, v)
      off += 12
    }
  }
  header(buf, FLOAT8_OID, n, hasNull)
  return buf.subarray(0, off)
}

/** timestamptz[] in binary format from epoch milliseconds (whole milliseconds, as the generator makes them). */
export function binaryTimestampArray<T>(rows: readonly T[], get: (row: T) => number | null): Buffer {
  const n = rows.length
  const buf = Buffer.allocUnsafeSlow(HEADER + 12 * n)
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  let off = HEADER
  let hasNull = false
  for (let i = 0; i < n; i++) {
    const v = get(rows[i] as T)
    if (v === null) {
      dv.setInt32(off, -1)
      off += 4
      hasNull = true
    } else {
      // int8 microseconds since 2000-01-01, written as two 32-bit halves (exact below 2^53)
      const us = (v - PG_EPOCH_MS) * 1000
      const hi = Math.floor(us / TWO_32)
      dv.setInt32(off, 8)
      dv.setInt32(off + 4, hi)
      dv.setUint32(off + 8, us - hi * TWO_32)
      off += 12
    }
  }
  header(buf, TIMESTAMPTZ_OID, n, hasNull)
  return buf.subarray(0, off)
}

/** bool[] in binary format. */
export function binaryBoolArray<T>(rows: readonly T[], get: (row: T) => boolean): Buffer {
  const n = rows.length
  const buf = Buffer.allocUnsafeSlow(HEADER + 5 * n)
  let off = HEADER
  for (let i = 0; i < n; i++) {
    buf.writeInt32BE(1, off)
    buf[off + 4] = get(rows[i] as T) ? 1 : 0
    off += 5
  }
  header(buf, BOOL_OID, n, false)
  return buf
}

/** text[] in binary format (UTF-8 bytes; enum columns travel as text and are cast in SQL). */
export function binaryTextArray<T>(rows: readonly T[], get: (row: T) => string | null): Buffer {
  const n = rows.length
  let size = HEADER + 4 * n
  const values: (string | null)[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const v = get(rows[i] as T)
    values[i] = v
    if (v !== null) size += v.length * 3 // upper bound of the UTF-8 length
  }
  const buf = Buffer.allocUnsafeSlow(size)
  let off = HEADER
  let hasNull = false
  for (let i = 0; i < n; i++) {
    const v = values[i] as string | null
    if (v === null) {
      buf.writeInt32BE(-1, off)
      off += 4
      hasNull = true
    } else {
      const len = asciiWrite(buf, v, off + 4)
      buf.writeInt32BE(len, off)
      off += 4 + len
    }
  }
  header(buf, TEXT_OID, n, hasNull)
  return buf.subarray(0, off)
}

// Short ASCII strings are copied byte by byte (cheaper than a native call each); anything else goes through utf8Write.
function asciiWrite(buf: Buffer, s: string, off: number): number {
  const len = s.length
  if (len <= 64) {
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i)
      if (c > 0x7f) return buf.write(s, off, 'utf8')
      buf[off + i] = c
    }
    return len
  }
  return buf.write(s, off, 'utf8')
}
