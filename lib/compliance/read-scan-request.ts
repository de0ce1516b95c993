import { AppError, validationError, type FieldError } from '@/lib/http/app-error'
import { assertDeclaredLength, limitedChunks } from '@/lib/http/body-limit'
import { parseBody } from '@/lib/http/route'
import { MAX_SCAN_BYTES, type ScanBody } from '@/lib/compliance/parse-scan'
import { parseScanInWorker } from '@/lib/compliance/parse-scan-in-worker'
import { readScanForm } from '@/lib/compliance/read-scan-form'
import { scanUploadQuery, type ScanUploadQuery } from '@/lib/validation/scans'

// A multipart form carries a few short fields and boundaries on top of the report itself.
const FORM_OVERHEAD_BYTES = 64 * 1024

// The body of POST /api/v1/scans, parsed while it arrives: at most 100 MiB on the wire and
// uncompressed. Either the report is the body (fields in the query string; `Content-Encoding: gzip`
// or a gzipped body accepted), or a multipart/form-data form with the report as its "file" part and
// the fields as form fields, the query string, or both (a field given twice must agree).
export async function readScanRequest(req: Request): Promise<{ meta: ScanUploadQuery; body: ScanBody }> {
  const query = Object.fromEntries(new URL(req.url).searchParams)
  const multipart = /^multipart\/form-data\s*(;|$)/i.test(req.headers.get('content-type') ?? '')
  const encoding = (req.headers.get('content-encoding') ?? 'identity').trim().toLowerCase()
  if (encoding !== 'identity' && (multipart || (encoding !== 'gzip' && encoding !== 'x-gzip'))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', multipart
      ? 'Content-Encoding is not supported on a multipart/form-data upload; gzip the file part instead.'
      : `Content-Encoding "${encoding}" is not supported; send the report as is or gzipped.`)
  }
  const limit = MAX_SCAN_BYTES + (multipart ? FORM_OVERHEAD_BYTES : 0)
  assertDeclaredLength(req, limit)
  if (!req.body) throw new AppError('VALIDATION_FAILED', 'The request body is empty; send the scanner report as the body.')
  if (!multipart) {
    // the fields are known before the body: refuse a bad one before reading up to 100 MiB
    const meta = parseBody(scanUploadQuery, query)
    return { meta, body: await parseScanInWorker(limitedChunks(req.body, limit), { gzip: encoding !== 'identity', format: meta.format }) }
  }
  const named = query.format === undefined ? undefined : parseBody(scanUploadQuery.pick({ format: true }), query).format
  const form = await readScanForm(req, limitedChunks(req.body, limit), named)
  const meta = parseBody(scanUploadQuery, mergeFields(query, form.fields))
  if (meta.format && meta.format !== form.body.scan.format) {
    throw validationError([{ path: 'format', message: `is "${meta.format}", but the file is ${form.body.scan.format}` }])
  }
  return { meta, body: form.body }
}

function mergeFields(query: Record<string, string>, form: Record<string, string>): Record<string, string> {
  const conflicts: FieldError[] = Object.keys(form)
    .filter((k) => k in query && query[k] !== form[k])
    .map((k) => ({ path: k, message: 'has different values in the query string and the form' }))
  if (conflicts.length) throw validationError(conflicts)
  return { ...query, ...form }
}
