import type { OpenFinding } from '@/lib/queries/compliance/get-service-compliance'

const day = (d: Date) => d.toISOString().slice(0, 10)

// Vulnerability findings, as listed (fixable first, then by severity): a service's open findings, or the
// findings of the image it runs in production.
export function FindingsTable({ findings, testId }: { findings: OpenFinding[]; testId: string }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid={testId}>
        <thead><tr><th scope="col">Severity</th><th scope="col">Vulnerability</th><th scope="col">Package</th><th scope="col">Installed</th><th scope="col">Fixed in</th><th scope="col">First seen</th></tr></thead>
        <tbody>
          {findings.map((f) => (
            <tr key={`${f.vulnerabilityId} ${f.packageName} ${f.installedVersion} ${f.target}`}>
              <td>{f.severity}{f.knownExploited ? ' (KEV)' : ''}</td><td title={f.title ?? undefined}>{f.vulnerabilityId}</td><td>{f.packageName}</td>
              <td>{f.installedVersion}</td><td>{f.fixable ? (f.fixedVersion ?? 'yes') : 'no fix'}</td><td>{day(f.firstSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
