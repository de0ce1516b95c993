import { AppError } from '@/lib/http/app-error'
import { MAX_SCAN_BYTES, parseScanStream, type ScanBody, type ScanFormat } from '@/lib/compliance/parse-scan'

// The body of POST /api/v1/scans, parsed while it arrives: at most 100 MiB on the wire and
// uncompressed; `Content-Encoding: gzip` (or a gzipped body) accepted.
export async function readScanRequest(req: Request, format?: ScanFormat): Promise<ScanBody> {
  const encoding = (req.headers.get('content-encoding') ?? 'identity').trim().toLowerCase()
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not supported; send the report as is or gzipped.`)
  }
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (declared > MAX_SCAN_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${MAX_SCAN_BYTES} bytes.`)
  if (!req.body) throw new AppError('VALIDATION_FAILED', 'The request body is empty; send the scanner report as the body.')
  return parseScanStream(limitedChunks(req.body, MAX_SCAN_BYTES), { gzip: encoding !== 'identity', format })
}

async function* limitedChunks(stream: ReadableStream<Uint8Array>, limit: number): AsyncIterable<Uint8Array> {
  const reader = stream.getReader()
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      size += value.byteLength
      if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes.`)
      yield value
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}
