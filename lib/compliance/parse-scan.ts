import { createHash } from 'node:crypto'
import type { z } from 'zod'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { AppError } from '@/lib/http/app-error'
import { zodValidationError } from '@/lib/validation/zod-fields'
import { XccdfStreamParser, type XccdfReport } from '@/lib/compliance/parse-xccdf'
import { summarizeXccdf, type XccdfSummary } from '@/lib/compliance/summarize-xccdf'
import type { VulnerabilityReport } from '@/lib/compliance/findings'
import { fromGrype } from '@/lib/compliance/parse-grype'
import { fromSarif, sarifPosture } from '@/lib/compliance/parse-sarif'
import { fromTrivyJson } from '@/lib/compliance/parse-trivy-json'
import { fromCheckov, fromKics, fromKubeBench, fromKubescape } from '@/lib/compliance/parse-posture-tools'
import type { PostureFormat, PostureReport } from '@/lib/compliance/posture'
import { checkovReportSchema, kicsReportSchema, kubeBenchReportSchema, kubescapeReportSchema } from '@/lib/validation/posture-scans'
import { JsonShapeGuard } from '@/lib/http/json-shape-guard'
import { MAX_SCAN_BYTES, SCAN_JSON_LIMITS } from '@/lib/compliance/scan-limits'
import { grypeReportSchema, sarifLogSchema, type scanFormats } from '@/lib/validation/scans'

export { MAX_SCAN_BYTES } from '@/lib/compliance/scan-limits'

export type ScanFormat = (typeof scanFormats)[number]
export type ParsedScan =
  | { kind: 'config'; format: 'xccdf' | 'arf'; report: XccdfReport; summary: XccdfSummary }
  // alsoPosture: the misconfigurations of a report that holds both (stored instead with kind=posture)
  | { kind: 'vulnerability'; format: 'trivy' | 'grype' | 'sarif'; report: VulnerabilityReport; alsoPosture?: PostureReport }
  | { kind: 'posture'; format: PostureFormat; report: PostureReport }
// sha256 of the uncompressed report: the same report gzipped or not is recognised as the same
export type ScanBody = { contentHash: string; bytes: number; scan: ParsedScan }

export type ScanParseOptions = { gzip?: boolean; format?: ScanFormat; limit?: number }

const invalid = (message: string) => new AppError('VALIDATION_FAILED', message)
const tooLarge = (limit: number) => new AppError('PAYLOAD_TOO_LARGE', `The report exceeds ${limit} bytes (uncompressed).`)

// Reads a report as it arrives (gzip or not, detected from the magic bytes too) and parses it on the
// fly: XML through saxes, chunk by chunk; JSON (small reports) once complete.
export async function parseScanStream(body: AsyncIterable<Uint8Array>, options: ScanParseOptions = {}): Promise<ScanBody> {
  const limit = options.limit ?? MAX_SCAN_BYTES
  const hash = createHash('sha256')
  const decoder = new TextDecoder('utf-8')
  let bytes = 0
  let sink: ((text: string) => void) | null = null
  let xml: XccdfStreamParser | null = null
  // appended as a rope (V8 cons strings): no array of chunks next to the joined copy
  let json = ''
  // handed over once: the text can be collected as soon as JSON.parse has read it
  const take = () => {
    const source = { text: json }
    json = ''
    return source
  }
  let atStart = true
  // Leading whitespace is skipped, never kept: 20 MiB of spaces cost 25 s and 1.3 GB when each chunk
  // was appended to a buffer that was trimmed again (issue 18).
  const feed = (text: string) => {
    if (sink) return sink(text)
    let i = atStart && text.charCodeAt(0) === 0xfeff ? 1 : 0
    if (text.length > 0) atStart = false
    while (i < text.length && isXmlOrJsonSpace(text.charCodeAt(i))) i++
    if (i === text.length) return
    if (text[i] === '<') {
      const parser = (xml = new XccdfStreamParser())
      sink = (t) => parser.write(t)
    } else if (text[i] === '{' || text[i] === '[') {
      const guard = new JsonShapeGuard(SCAN_JSON_LIMITS)
      sink = (t) => {
        guard.write(t)
        json += t
      }
    } else {
      throw invalid('The report is neither XML (OpenSCAP XCCDF/ARF) nor JSON (Trivy, Grype, SARIF, kube-bench, Kubescape, Checkov, KICS).')
    }
    sink(text.slice(i))
  }
  try {
    for await (const chunk of await decompressed(body, options.gzip)) {
      bytes += chunk.byteLength
      if (bytes > limit) throw tooLarge(limit)
      hash.update(chunk)
      feed(decoder.decode(chunk, { stream: true }))
    }
    feed(decoder.decode())
  } catch (err) {
    throw asAppError(err)
  }
  if (!sink) throw invalid('The request body is empty; send the scanner report as the body.')
  const scan = xml ? finishXml(xml, options.format) : parseJson(take(), options.format)
  return { contentHash: hash.digest('hex'), bytes, scan }
}

async function decompressed(body: AsyncIterable<Uint8Array>, gzip?: boolean): Promise<AsyncIterable<Uint8Array>> {
  const iterator = body[Symbol.asyncIterator]()
  const first = await iterator.next()
  if (first.done) return (async function* () {})()
  const rest = (async function* () {
    yield first.value
    for (let n = await iterator.next(); !n.done; n = await iterator.next()) yield n.value
  })()
  const magic = first.value[0] === 0x1f && first.value[1] === 0x8b
  if (!gzip && !magic) return rest
  return Readable.from(rest).pipe(createGunzip())
}

function finishXml(parser: XccdfStreamParser, format?: ScanFormat): ParsedScan {
  let report: XccdfReport
  try {
    report = parser.finish()
  } catch (err) {
    throw asAppError(err)
  }
  if (format && format !== report.format) throw invalid(`format=${format} was named, but the body is ${report.format === 'arf' ? 'an ARF file' : 'an XCCDF results file'}.`)
  return { kind: 'config', format: report.format, report, summary: summarizeXccdf(report) }
}

// parseBody of lib/http/route without its imports: this runs in the scan worker too
function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw zodValidationError(result.error)
  return result.data
}

function parseJson(source: { text: string }, format?: ScanFormat): ParsedScan {
  let value: unknown
  try {
    value = JSON.parse(source.text)
  } catch (err) {
    throw invalid(`Malformed or truncated JSON: ${(err as Error).message}`)
  } finally {
    source.text = ''
  }
  const detected = format ?? detectJsonFormat(value)
  const posture = (report: PostureReport): ParsedScan => ({ kind: 'posture', format: report.format, report })
  switch (detected) {
    case 'trivy':
      return fromTrivyJson(value, (schema, v) => validate(schema, v))
    case 'grype':
      return { kind: 'vulnerability', format: 'grype', report: fromGrype(validate(grypeReportSchema, value)) }
    case 'sarif': {
      const log = validate(sarifLogSchema, value)
      const report = fromSarif(log)
      const misconfigurations = sarifPosture(log)
      // a misconfiguration SARIF is a posture scan, never a vulnerability scan without findings
      if (misconfigurations && report.findings.length === 0) return posture(misconfigurations)
      return { kind: 'vulnerability', format: 'sarif', report, ...(misconfigurations ? { alsoPosture: misconfigurations } : {}) }
    }
    case 'kube-bench':
      return posture(fromKubeBench(validate(kubeBenchReportSchema, value)))
    case 'kubescape':
      return posture(fromKubescape(validate(kubescapeReportSchema, value)))
    case 'checkov':
      return posture(fromCheckov(validate(checkovReportSchema, value)))
    case 'kics':
      return posture(fromKics(validate(kicsReportSchema, value)))
    default:
      throw invalid(`format=${detected} was named, but the body is JSON; OpenSCAP results are XML.`)
  }
}

export function detectJsonFormat(value: unknown): ScanFormat {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => v && typeof v === 'object' && 'check_type' in v)) return 'checkov'
    throw invalid('JSON of an unknown shape: a list is only taken as a Checkov report (objects with check_type).')
  }
  const o = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>
  if (Array.isArray(o.runs) && (o.version !== undefined || typeof o.$schema === 'string')) return 'sarif'
  if (Array.isArray(o.matches)) return 'grype'
  if ('SchemaVersion' in o || 'Results' in o || 'ArtifactName' in o || 'ClusterName' in o) return 'trivy'
  if (Array.isArray(o.Controls)) return 'kube-bench'
  if ('summaryDetails' in o && Array.isArray(o.results)) return 'kubescape'
  if ('check_type' in o) return 'checkov'
  if (Array.isArray(o.queries) && ('queries_total' in o || 'severity_counters' in o || 'kics_version' in o)) return 'kics'
  throw invalid('JSON of an unknown shape: expected a Trivy report (SchemaVersion, Results), a Grype report (matches), a SARIF 2.1.0 log '
    + '(version, runs), kube-bench (Controls), Kubescape (summaryDetails, results), Checkov (check_type) or KICS (queries) JSON.')
}

// the whitespace XML and JSON allow before the document
const isXmlOrJsonSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err
  const message = (err as Error)?.message ?? String(err)
  if ((err as { code?: string })?.code?.startsWith('Z_')) return new AppError('BAD_REQUEST', `The body is not valid gzip: ${message}`)
  // saxes: "line:column: message", e.g. unclosed tags of a truncated file, undefined entities
  return invalid(`The XML is not well-formed: ${message.split('\n')[0]}`)
}
