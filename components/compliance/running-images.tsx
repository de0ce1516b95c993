import type { RunningImage, RunningInProduction } from '@/lib/compliance/running-in-production'
import { serviceHref } from '@/lib/dashboard/service-ref'

// "Vulnerable images running in production now": per service the image its latest successful production
// deployment runs and the open findings of that image's latest scan by severity, each row linking to the
// findings on the service's compliance page. Never scanned is "unknown", not clean.

export const shortDigest = (digest: string) => digest.replace(/^(\w+:)([0-9a-f]{12})[0-9a-f]*$/i, '$1$2…')
const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10)
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'other'] as const

// One line for the scope: how many running images carry open findings, and how many are not known.
export function describeRunning({ summary: s }: RunningInProduction): string {
  if (s.running === 0) return 'No production deployment names an image digest: nothing known to run.'
  const findings = s.findings.open === 0 ? 'no open findings'
    : `${s.findings.open} open finding${s.findings.open === 1 ? '' : 's'} (${s.findings.critical} critical, ${s.findings.high} high, ${s.findings.fixable} fixable)`
  return `${s.vulnerable} of ${s.running} image${s.running === 1 ? '' : 's'} running in production ${s.vulnerable === 1 ? 'has' : 'have'} open findings: ${findings}.`
    + (s.unscanned > 0 ? ` ${s.unscanned} never scanned (unknown, not clean).` : '')
}

export function RunningImagesTable({ running, shared }: { running: RunningInProduction; shared: Set<string> }) {
  const { images, summary } = running
  return (
    <>
      <p data-testid="running-summary">{describeRunning(running)}</p>
      {images.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="running-images">
            <thead>
              <tr>
                <th scope="col">Service</th><th scope="col">Image</th><th scope="col">Deployed</th><th scope="col">Scanned</th>
                {SEVERITIES.map((k) => <th scope="col" key={k}>{k[0]!.toUpperCase() + k.slice(1)}</th>)}<th scope="col">Fixable</th>
              </tr>
            </thead>
            <tbody>{images.map((i) => <RunningImageRow key={`${i.team}/${i.service}`} image={i} href={`${serviceHref({ slug: i.service, team: i.team }, shared, '/compliance')}#running-image`} />)}</tbody>
          </table>
        </div>
      )}
      {summary.withoutImage.length > 0 && (
        <p className="muted" title={summary.withoutImage.join(', ')}>
          No image digest in their production deployments: {summary.withoutImage.slice(0, 8).join(', ')}{summary.withoutImage.length > 8 ? ` and ${summary.withoutImage.length - 8} more` : ''}.
        </p>
      )}
    </>
  )
}

function RunningImageRow({ image: i, href }: { image: RunningImage; href: string }) {
  const unknown = i.status === 'unscanned'
  return (
    <tr data-service={i.service} data-status={i.status}>
      <td><a href={href}>{i.service}</a></td>
      <td title={i.digest}><code>{shortDigest(i.digest)}</code></td>
      <td>{day(i.deployedAt)}</td>
      <td>{i.scannedAt ? day(i.scannedAt) : <span className="muted">never: unknown</span>}</td>
      {SEVERITIES.map((k) => <td key={k} className={unknown ? 'muted' : undefined}>{unknown ? '–' : i[k]}</td>)}
      <td className={unknown ? 'muted' : undefined}>{unknown ? '–' : i.fixable}</td>
    </tr>
  )
}
