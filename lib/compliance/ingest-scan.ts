import sql from 'sql-template-tag'
import type pg from 'pg'
import { withTransaction } from '@/lib/db'
import { assertTeam, type Caller } from '@/lib/auth/resolve-caller'
import type { IngestOutcome } from '@/lib/ingest/outcome'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { findOrCreateEnvironment } from '@/lib/queries/find-or-create-environment'
import { insertIngestLog } from '@/lib/queries/insert-ingest-log'
import { findScanByHash, insertRuleFailures, insertScan, type ScanRow } from '@/lib/queries/compliance/insert-scan'
import { closeMissingFindings, recordFindings, type Lifecycle } from '@/lib/queries/compliance/record-findings'
import { getScan, type ScanDto } from '@/lib/queries/compliance/get-scan'
import { configComponent, FORMULA_VERSION, postureComponent, vulnerabilityComponent } from '@/lib/compliance/compliance-score'
import type { ParsedScan, ScanBody } from '@/lib/compliance/parse-scan'
import { controlsMatrix, postureScore, type ControlCell } from '@/lib/compliance/posture-matrix'
import type { PostureReport } from '@/lib/compliance/posture'
import { insertPostureControls } from '@/lib/queries/compliance/insert-posture-controls'
import { validationError } from '@/lib/http/app-error'
import type { ScanUploadQuery } from '@/lib/validation/scans'

// Stores a parsed report whole or not at all: the scan, its failing rules or its findings (with
// first-seen and fixed-at per service) and the ingest log line, in one transaction. The same report
// (content hash) uploaded again for the service changes nothing.
export async function ingestScan(caller: Caller, uploaded: ScanBody, meta: ScanUploadQuery, receivedAt: Date): Promise<{ outcome: IngestOutcome; scan: ScanDto }> {
  const body = { ...uploaded, scan: asKind(uploaded.scan, meta.kind) }
  return withTransaction(async (tx) => {
    const { outcome, scanId } = await storeScan(tx, caller, body, meta, receivedAt)
    return { outcome, scan: (await getScan(tx, scanId))! }
  })
}

/**
 * What ingestScan stores once the report's kind is settled, in the caller's transaction (the demo
 * loader's, which needs no answer read back).
 */
export async function storeScan(
  tx: pg.ClientBase, caller: Caller, body: ScanBody, meta: ScanUploadQuery, receivedAt: Date,
): Promise<{ outcome: IngestOutcome; scanId: number }> {
  const row = scanRow(body, meta, receivedAt)
  const service = await findOrCreateService(tx, caller.teamId, { slug: meta.service })
  assertTeam(caller, service.teamId, `service "${service.slug}"`)
  const environmentId = meta.environment ? (await findOrCreateEnvironment(tx, { name: meta.environment, path: 'environment' })).id : null
  // one scan of a service at a time decides what is fixed
  await tx.query(sql`SELECT pg_advisory_xact_lock(hashtext('compliance_scan'), ${service.id})`)
  // looked up first (under the lock above): inserting a known report again would take a sequence value
  const known = await findScanByHash(tx, service.id, body.contentHash)
  const id = known === null ? await insertScan(tx, { ...row, serviceId: service.id, environmentId, tokenId: caller.tokenId }) : null
  const outcome: IngestOutcome = id === null ? 'unchanged' : 'created'
  const scanId = id ?? known ?? (await findScanByHash(tx, service.id, body.contentHash))!
  const life: Lifecycle = { serviceId: service.id, environmentId, target: row.imageDigest ?? row.imageName ?? '', kind: 'vulnerability' }
  if (id !== null) await storeDetails(tx, life, scanId, row.scannedAt, body)
  const log = JSON.stringify({ service: service.slug, format: body.scan.format, contentHash: body.contentHash, bytes: body.bytes, scanId })
  await insertIngestLog(tx, { source: 'api', kind: 'scan', tokenId: caller.tokenId, rawBody: log, outcome, receivedAt })
  return { outcome, scanId }
}

// kind=posture takes the misconfigurations of a Trivy report that holds vulnerabilities too; a kind
// the report does not hold is refused rather than stored as an empty scan.
export function asKind(scan: ParsedScan, kind: ScanUploadQuery['kind']): ParsedScan {
  if (!kind || kind === scan.kind) return scan
  if (kind === 'posture' && scan.kind === 'vulnerability' && scan.alsoPosture) return { kind: 'posture', format: scan.alsoPosture.format, report: scan.alsoPosture }
  const holds = scan.kind === 'posture' ? 'misconfiguration checks only' : scan.kind === 'config' ? 'configuration (XCCDF) results' : 'no misconfiguration checks'
  throw validationError([{ path: 'kind', message: `is "${kind}", but the report holds ${holds}` }])
}

async function storeDetails(tx: pg.ClientBase, life: Lifecycle, scanId: number, scannedAt: Date, body: ScanBody) {
  const { scan } = body
  if (scan.kind === 'config') return insertRuleFailures(tx, scanId, scan.summary.failedRules)
  if (scan.kind === 'posture') return insertPostureControls(tx, scanId, controlsMatrix(scan.report))
  // a broken vulnerability scan (nothing of its kind) neither lists nor fixes anything
  if (scan.report.brokenReason) return
  await recordFindings(tx, life, scanId, scannedAt, scan.report.findings)
  await closeMissingFindings(tx, life, scanId, scannedAt)
}

type Row = Omit<ScanRow, 'serviceId' | 'environmentId' | 'tokenId'>

export function scanRow(body: ScanBody, meta: ScanUploadQuery, receivedAt: Date): Row {
  const { scan } = body
  const common = {
    format: scan.format,
    contentHash: body.contentHash,
    sizeBytes: body.bytes,
    imageName: meta.image ?? null,
    imageDigest: meta.digest ?? null,
    commitSha: meta.commit ?? null,
    formulaVersion: FORMULA_VERSION,
  }
  if (scan.kind === 'posture') return postureRow(common, scan.report, meta, receivedAt)
  if (scan.kind === 'vulnerability') {
    const { report } = scan
    const component = report.brokenReason ? { score: null, grade: null, broken: true } : vulnerabilityComponent(report.findings)
    return {
      ...common,
      kind: 'vulnerability',
      imageName: meta.image ?? report.image.name,
      imageDigest: meta.digest ?? report.image.digest,
      scannerName: meta.scanner ?? report.scanner.name,
      scannerVersion: meta.scannerVersion ?? report.scanner.version,
      scannedAt: meta.scannedAt ?? report.scannedAt ?? receivedAt,
      findingCount: report.findings.length,
      score: component.score,
      grade: component.grade,
      broken: component.broken,
      brokenReason: report.brokenReason,
    }
  }
  const { report, summary } = scan
  const errors = summary.counts.error ?? 0
  const brokenReason = summary.scoredRules === 0
    ? 'No rule was scored (every rule notapplicable, notselected or notchecked): the content does not fit this system, and oscap\'s "pass" is vacuous.'
    : errors > 0 ? `${errors} rule${errors === 1 ? '' : 's'} ended in error (scanner or probe failures).` : null
  const highSeverityFailed = summary.failedRules.some((r) => r.severity === 'high')
  const component = configComponent({ flatScore: summary.flat.score, flatMaximum: summary.flat.maximum, highSeverityFailed, broken: brokenReason !== null })
  const tr = report.testResult
  const stamp = tr.endTime ?? tr.startTime
  return {
    ...common,
    kind: 'config',
    scannerName: meta.scanner ?? 'openscap',
    scannerVersion: meta.scannerVersion ?? tr.scannerVersion ?? tr.testSystem?.split(':').pop() ?? null,
    scannedAt: meta.scannedAt ?? (stamp ? new Date(stamp) : receivedAt),
    // the scanned host (TestResult <target>)
    target: tr.target,
    benchmarkId: report.benchmark.id,
    contentVersion: tr.contentVersion,
    profileId: tr.profileId,
    xccdfScores: Object.fromEntries(Object.entries(summary.scores).map(([m, s]) => [m, { score: s.score, maximum: s.maximum }])),
    fileScores: summary.fileScores,
    scoreMismatch: summary.mismatches.length > 0,
    resultCounts: summary.counts,
    scoredRules: summary.scoredRules,
    highSeverityFailed,
    score: component.score,
    grade: component.grade,
    broken: component.broken,
    brokenReason: brokenReason ?? (component.broken ? 'Nothing scored.' : null),
  }
}

const HIGH = new Set(['critical', 'high'])

// P from the controls matrix; a scan that checked nothing is broken, never a perfect P
function postureRow(common: Pick<Row, 'format' | 'contentHash' | 'sizeBytes' | 'imageName' | 'imageDigest' | 'commitSha' | 'formulaVersion'>,
  report: PostureReport, meta: ScanUploadQuery, receivedAt: Date): Row {
  const cells: ControlCell[] = controlsMatrix(report)
  const p = postureScore(cells)
  const highSeverityFailed = cells.some((c) => c.status === 'fail' && HIGH.has(c.severity))
  const component = postureComponent(p, highSeverityFailed)
  return {
    ...common,
    kind: 'posture',
    scannerName: meta.scanner ?? report.scanner.name,
    scannerVersion: meta.scannerVersion ?? report.scanner.version,
    target: report.target,
    scannedAt: meta.scannedAt ?? report.scannedAt ?? receivedAt,
    resultCounts: report.counts,
    highSeverityFailed,
    findingCount: report.checks.length,
    score: component.score,
    grade: component.grade,
    broken: component.broken,
    brokenReason: component.broken ? 'No check of the report passed or failed (no results, or only skipped and manual checks): nothing was checked.' : null,
  }
}
