import { Readable } from 'node:stream'
import busboy from 'busboy'
import { AppError, validationError, type FieldError } from '@/lib/http/app-error'
import type { ScanBody, ScanFormat } from '@/lib/compliance/parse-scan'
import { parseScanInWorker } from '@/lib/compliance/parse-scan-in-worker'
import { scanUploadQuery } from '@/lib/validation/scans'

// Form fields are short (a service slug, a digest, a time): anything longer is a mistake, not metadata.
const MAX_FIELD_BYTES = 1024
const KNOWN_FIELDS = new Set(Object.keys(scanUploadQuery.shape))

export type ScanForm = { fields: Record<string, string>; body: ScanBody }

// multipart/form-data upload: one file part named "file" (the report, gzipped or not) and the same
// fields as the query string. Parsed with busboy as it arrives: the file is fed to the report parser
// chunk by chunk, so nothing but the fields is buffered. `namedFormat` is the query's format, if any;
// a format field sent before the file is used too (one sent after it is checked by the caller).
export async function readScanForm(req: Request, body: AsyncIterable<Uint8Array>, namedFormat?: ScanFormat): Promise<ScanForm> {
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': req.headers.get('content-type') ?? '' },
      limits: { fieldSize: MAX_FIELD_BYTES, fields: KNOWN_FIELDS.size, files: 1, parts: KNOWN_FIELDS.size + 1 },
    })
  } catch (err) {
    throw new AppError('BAD_REQUEST', `Malformed multipart/form-data request: ${(err as Error).message}`)
  }
  const fields: Record<string, string> = {}
  const problems: FieldError[] = []
  const source = Readable.from(body)
  return new Promise<ScanForm>((resolve, reject) => {
    let parsed: Promise<ScanBody> | undefined
    let failed = false
    const fail = (err: unknown) => {
      if (failed) return
      failed = true
      source.unpipe(parser)
      source.destroy()
      parser.destroy()
      reject(err)
    }
    parser.on('field', (name, value, info) => {
      if (!KNOWN_FIELDS.has(name)) problems.push({ path: name, message: 'unknown field' })
      else if (info.valueTruncated) problems.push({ path: name, message: `must be at most ${MAX_FIELD_BYTES} bytes` })
      else if (name in fields) problems.push({ path: name, message: 'was sent more than once' })
      else fields[name] = value
    })
    parser.on('file', (name, stream) => {
      // destroyed with an error when the form fails: that failure is already reported
      stream.on('error', () => undefined)
      if (name !== 'file') {
        stream.resume()
        return fail(validationError([{ path: name, message: 'unexpected file part: send the report as the part named "file"' }]))
      }
      const format = namedFormat ?? (scanUploadQuery.shape.format.safeParse(fields.format).data as ScanFormat | undefined)
      parsed = parseScanInWorker(stream, { format })
      parsed.catch(fail)
    })
    const limit = (what: string) => () => fail(new AppError('PAYLOAD_TOO_LARGE', `Too many ${what} in the form: one file part named "file" and the scan's fields.`))
    parser.on('filesLimit', limit('files'))
    parser.on('fieldsLimit', limit('fields'))
    parser.on('partsLimit', limit('parts'))
    parser.on('error', (err) => fail(err instanceof AppError ? err : new AppError('BAD_REQUEST', `Malformed multipart/form-data body: ${(err as Error).message}`)))
    source.on('error', fail)
    parser.on('close', () => {
      if (failed) return
      if (problems.length) return fail(validationError(problems))
      if (!parsed) return fail(validationError([{ path: 'file', message: 'is required: the scanner report as a file part named "file"' }]))
      parsed.then((scan) => resolve({ fields, body: scan }), fail)
    })
    source.pipe(parser)
  })
}
